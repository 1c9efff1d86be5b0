#include "animationexportdialog.h"

#include <QCheckBox>
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

#include <algorithm>
#include <cmath>

namespace losslens {

namespace {

constexpr int maximumFramesPerSecond = 50;
// Large enough for a 4K slide, and far below GIF's limit of 65535 pixels.
constexpr int maximumSide = 8192;

QSpinBox *spinBox(int minimum, int maximum, int value, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

bool hasGifSuffix(const QString &path)
{
    return QFileInfo(path).suffix().compare(QStringLiteral("gif"), Qt::CaseInsensitive) == 0;
}

} // namespace

int gifDelayCentiseconds(int framesPerSecond)
{
    // Chromium and Firefox show a delay of 10 ms or less as 100 ms, as
    // https://gigazine.net/gsc_news/en/20220222-fastest-gif-animation reports from their
    // sources, so 2 is the shortest delay that plays as written.
    const int rate = std::clamp(framesPerSecond, 1, maximumFramesPerSecond);
    return std::max(2, static_cast<int>(std::lround(100.0 / rate)));
}

AnimationExportDialog::AnimationExportDialog(const AnimationExportRequest &initial,
                                             std::function<QSize(AnimationSource)> sourceSize,
                                             QWidget *parent)
    : QDialog(parent), m_sourceSize(std::move(sourceSize)), m_source(new QComboBox(this)),
      m_format(new QComboBox(this)), m_path(new QLineEdit(this)),
      m_frameTime(new QLabel(this)), m_keepAspect(new QCheckBox(tr("Keep the aspect ratio"), this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Export animation"));
    const AnimationExportSettings &settings = initial.settings;
    m_source->addItem(tr("Landscape view"), int(AnimationSource::Landscape));
    m_source->addItem(tr("Data view"), int(AnimationSource::Data));
    m_source->addItem(tr("Training view"), int(AnimationSource::Training));
    m_source->addItem(tr("Whole window"), int(AnimationSource::Window));
    m_source->setCurrentIndex(m_source->findData(int(initial.source)));
    m_format->addItem(tr("Animated GIF file"), int(AnimationExportSettings::Format::Gif));
    m_format->addItem(tr("PNG sequence in a folder"),
                      int(AnimationExportSettings::Format::PngSequence));
    m_format->setCurrentIndex(m_format->findData(int(settings.format)));
    m_path->setText(settings.path.isEmpty()
                        ? QDir::home().filePath(QStringLiteral("losslens-training.gif"))
                        : settings.path);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_frames = spinBox(1, 10000, std::max(1, settings.frameCount), this);
    m_stepsPerFrame = spinBox(1, 1000, std::max(1, settings.stepsPerFrame), this);
    const int rate = static_cast<int>(std::lround(100.0 / std::max(1, settings.delayCentiseconds)));
    m_framesPerSecond = spinBox(1, maximumFramesPerSecond, rate, this);
    const QSize size = settings.size.isValid() ? settings.size : m_sourceSize(initial.source);
    m_width = spinBox(16, maximumSide, size.width(), this);
    m_height = spinBox(16, maximumSide, size.height(), this);
    m_width->setSuffix(tr(" px"));
    m_height->setSuffix(tr(" px"));
    m_keepAspect->setChecked(true);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addWidget(m_keepAspect);
    sizeRow->addStretch(1);

    m_source->setToolTip(tr("The part of the window that each frame shows."));
    m_path->setToolTip(tr("The GIF file, or the folder that receives frame_0001.png, "
                          "frame_0002.png, … (existing frames of those names are replaced)."));
    m_frames->setToolTip(tr("Frames to record. The first shows the runs as they are now; "
                            "recording ends early when every run has stopped."));
    m_stepsPerFrame->setToolTip(tr("Training updates applied to every run between two frames."));
    m_framesPerSecond->setToolTip(tr("Playback rate of the GIF. GIF stores the frame time in "
                                     "hundredths of a second, so the rate is rounded to "
                                     "100 / n."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Record:"), m_source);
    form->addRow(tr("&Format:"), m_format);
    // A row whose field is a layout gets no buddy, so these labels name theirs for the mnemonic.
    auto *pathLabel = new QLabel(tr("&Save to:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("F&rames:"), m_frames);
    form->addRow(tr("&Training steps per frame:"), m_stepsPerFrame);
    form->addRow(tr("Frames &per second:"), m_framesPerSecond);
    form->addRow(QString(), m_frameTime);
    auto *sizeLabel = new QLabel(tr("Output si&ze:"), this);
    sizeLabel->setBuddy(m_width);
    form->addRow(sizeLabel, sizeRow);

    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &AnimationExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &AnimationExportDialog::browse);
    connect(m_source, &QComboBox::currentIndexChanged, this,
            &AnimationExportDialog::onSourceChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            &AnimationExportDialog::onFormatChanged);
    connect(m_framesPerSecond, &QSpinBox::valueChanged, this,
            &AnimationExportDialog::updateFrameTime);
    connect(m_width, &QSpinBox::valueChanged, this, &AnimationExportDialog::onWidthChanged);
    connect(m_height, &QSpinBox::valueChanged, this, &AnimationExportDialog::onHeightChanged);
    // Names for tests and accessibility tools.
    const std::pair<QWidget *, const char *> names[] = {
        {m_source, "source"}, {m_format, "format"}, {m_path, "path"},
        {m_frames, "frames"}, {m_stepsPerFrame, "stepsPerFrame"},
        {m_framesPerSecond, "framesPerSecond"}, {m_width, "width"}, {m_height, "height"},
        {m_keepAspect, "keepAspect"}, {m_error, "error"}};
    for (const auto &[widget, name] : names)
        widget->setObjectName(QLatin1String(name));
    updateFrameTime();
    m_framesPerSecond->setEnabled(format() == AnimationExportSettings::Format::Gif);
}

AnimationExportRequest AnimationExportDialog::request() const
{
    AnimationExportRequest request;
    request.source = static_cast<AnimationSource>(m_source->currentData().toInt());
    AnimationExportSettings &settings = request.settings;
    settings.format = format();
    settings.path = m_path->text().trimmed();
    settings.frameCount = m_frames->value();
    settings.stepsPerFrame = m_stepsPerFrame->value();
    settings.delayCentiseconds = gifDelayCentiseconds(m_framesPerSecond->value());
    settings.size = QSize(m_width->value(), m_height->value());
    return request;
}

void AnimationExportDialog::accept()
{
    // A GIF named without a suffix gets one, as a save dialog would add it.
    QString path = m_path->text().trimmed();
    if (format() == AnimationExportSettings::Format::Gif && !path.isEmpty() &&
        !hasGifSuffix(path) && !QFileInfo(path).isDir())
        m_path->setText(path + QStringLiteral(".gif"));
    const QString problem = validatePath();
    m_error->setText(problem);
    if (problem.isEmpty())
        QDialog::accept();
}

AnimationExportSettings::Format AnimationExportDialog::format() const
{
    return static_cast<AnimationExportSettings::Format>(m_format->currentData().toInt());
}

QString AnimationExportDialog::validatePath() const
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Choose where to save the animation.");
    const QFileInfo info(path);
    if (format() == AnimationExportSettings::Format::Gif) {
        if (info.isDir())
            return tr("%1 is a folder; give a file name ending in .gif.").arg(path);
        if (!info.absoluteDir().exists())
            return tr("The folder %1 does not exist.").arg(info.absolutePath());
        return {};
    }
    if (info.exists() && !info.isDir())
        return tr("%1 is a file; give a folder for the PNG frames.").arg(path);
    return {};
}

void AnimationExportDialog::browse()
{
    QString path;
    if (format() == AnimationExportSettings::Format::Gif)
        path = QFileDialog::getSaveFileName(this, tr("Export animation as GIF"), m_path->text(),
                                            tr("GIF images (*.gif)"));
    else
        path = QFileDialog::getExistingDirectory(this, tr("Folder for the PNG frames"),
                                                 m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

void AnimationExportDialog::onSourceChanged()
{
    const QSize size = m_sourceSize(request().source);
    m_resizing = true;
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_resizing = false;
}

void AnimationExportDialog::onFormatChanged()
{
    // Moves between "name.gif" and the folder "name", so switching keeps the chosen name.
    const QString path = m_path->text().trimmed();
    const bool gif = format() == AnimationExportSettings::Format::Gif;
    if (gif && !path.isEmpty() && !hasGifSuffix(path))
        m_path->setText(path + QStringLiteral(".gif"));
    else if (!gif && hasGifSuffix(path))
        m_path->setText(path.chopped(4));
    m_framesPerSecond->setEnabled(gif);
    m_frameTime->setEnabled(gif);
}

void AnimationExportDialog::onWidthChanged(int width)
{
    const QSize source = m_sourceSize(request().source);
    if (m_resizing || !m_keepAspect->isChecked() || source.width() < 1)
        return;
    m_resizing = true;
    m_height->setValue(static_cast<int>(std::lround(double(width) * source.height() /
                                                    source.width())));
    m_resizing = false;
}

void AnimationExportDialog::onHeightChanged(int height)
{
    const QSize source = m_sourceSize(request().source);
    if (m_resizing || !m_keepAspect->isChecked() || source.height() < 1)
        return;
    m_resizing = true;
    m_width->setValue(static_cast<int>(std::lround(double(height) * source.width() /
                                                   source.height())));
    m_resizing = false;
}

void AnimationExportDialog::updateFrameTime()
{
    const int delay = gifDelayCentiseconds(m_framesPerSecond->value());
    m_frameTime->setText(tr("Each frame shows for %1 s, %2 frames per second.")
                             .arg(delay / 100.0, 0, 'f', 2)
                             .arg(100.0 / delay, 0, 'g', 3));
}

} // namespace losslens
