#include "viewexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace losslens {

namespace {

// The limits that exportView() accepts.
constexpr int minimumSide = 16;
constexpr int maximumSide = 16384;
constexpr int minimumDotsPerInch = 24;
constexpr int maximumDotsPerInch = 1200;

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &suffix, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

ViewExportDialog::ViewExportDialog(const ViewExportRequest &initial,
                                   std::function<QSize(ExportedView)> viewSize, QWidget *parent)
    : QDialog(parent), m_viewSize(std::move(viewSize)), m_view(new QComboBox(this)),
      m_path(new QLineEdit(this)), m_pixelSize(new QLabel(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Export view"));
    m_view->addItem(tr("Landscape view"), int(ExportedView::Landscape));
    m_view->addItem(tr("Data view"), int(ExportedView::Data));
    m_view->addItem(tr("Loss curves"), int(ExportedView::LossCurves));
    m_view->addItem(tr("Training view"), int(ExportedView::Training));
    m_view->addItem(tr("Whole window"), int(ExportedView::Window));
    m_view->setCurrentIndex(m_view->findData(int(initial.view)));
    m_path->setText(initial.settings.path.isEmpty()
                        ? QDir::home().filePath(QStringLiteral("losslens-view.png"))
                        : initial.settings.path);
    m_path->setMinimumWidth(320);
    m_path->setToolTip(tr("The suffix chooses the format: .png, .svg or .pdf."));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    const QSize size =
        initial.settings.size.isValid() ? initial.settings.size : m_viewSize(initial.view);
    m_width = spinBox(minimumSide, maximumSide, size.width(), tr(" px"), this);
    m_height = spinBox(minimumSide, maximumSide, size.height(), tr(" px"), this);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(tr("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);
    m_dotsPerInch = spinBox(minimumDotsPerInch, maximumDotsPerInch,
                            initial.settings.dotsPerInch, tr(" dpi"), this);
    m_dotsPerInch->setToolTip(tr("96 dpi writes one image pixel per screen pixel; 192 doubles "
                                 "every side of a PNG. SVG and PDF stay vector graphics."));

    auto *form = new QFormLayout;
    form->addRow(tr("&View:"), m_view);
    // A row whose field is a layout needs its label's buddy set, or "&" shows as text.
    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    auto *sizeLabel = new QLabel(tr("&Size:"), this);
    sizeLabel->setBuddy(m_width);
    form->addRow(sizeLabel, sizeRow);
    form->addRow(tr("&Resolution:"), m_dotsPerInch);
    form->addRow(QString(), m_pixelSize);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ViewExportDialog::browse);
    connect(m_view, &QComboBox::currentIndexChanged, this, &ViewExportDialog::onViewChanged);
    for (QSpinBox *box : {m_width, m_height, m_dotsPerInch})
        connect(box, &QSpinBox::valueChanged, this, &ViewExportDialog::updatePixelSize);
    connect(m_path, &QLineEdit::textChanged, this, &ViewExportDialog::updatePixelSize);
    connect(buttons, &QDialogButtonBox::accepted, this, &ViewExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ViewExportDialog::reject);
    updatePixelSize();
}

ViewExportRequest ViewExportDialog::request() const
{
    ViewExportRequest request;
    request.view = ExportedView(m_view->currentData().toInt());
    request.settings.path = m_path->text().trimmed();
    request.settings.size = QSize(m_width->value(), m_height->value());
    request.settings.dotsPerInch = m_dotsPerInch->value();
    return request;
}

QString ViewExportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ViewExportDialog::accept()
{
    const QString reason = validatePath();
    if (!reason.isEmpty()) {
        m_error->setText(reason);
        m_error->show();
        return;
    }
    m_error->clear();
    m_error->hide();
    QDialog::accept();
}

QString ViewExportDialog::validatePath() const
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Give the file to write.");
    if (viewExportFormat(path) == ViewExportFormat::Unknown)
        return tr("%1 has no .png, .svg or .pdf suffix, which chooses the format.").arg(path);
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (!folder.isDir())
        return tr("The folder %1 does not exist.").arg(folder.filePath());
    return {};
}

void ViewExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view"), m_path->text(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ViewExportDialog::onViewChanged()
{
    const QSize size = m_viewSize(ExportedView(m_view->currentData().toInt()));
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}

void ViewExportDialog::updatePixelSize()
{
    switch (viewExportFormat(m_path->text().trimmed())) {
    case ViewExportFormat::Png: {
        // exportView() scales the image by dotsPerInch / 96.
        const double scale = m_dotsPerInch->value() / 96.0;
        m_pixelSize->setText(tr("PNG of %1 × %2 pixels")
                                 .arg(std::lround(m_width->value() * scale))
                                 .arg(std::lround(m_height->value() * scale)));
        break;
    }
    case ViewExportFormat::Svg:
        m_pixelSize->setText(tr("SVG drawing; plots stay vector graphics"));
        break;
    case ViewExportFormat::Pdf:
        m_pixelSize->setText(tr("PDF page; plots stay vector graphics"));
        break;
    case ViewExportFormat::Unknown:
        m_pixelSize->setText(tr("Give the file a .png, .svg or .pdf suffix"));
        break;
    }
}

} // namespace losslens
