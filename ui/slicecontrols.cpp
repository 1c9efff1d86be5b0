#include "slicecontrols.h"

#include "numberbox.h"
#include "uilogging.h"

#include "core/losscatalogue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace losslens {

namespace {

// A red, wrapping message under a box, hidden while it is empty.
QLabel *createMessageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020"));
    label->setVisible(false);
    return label;
}

void showMessage(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace

SliceControls::SliceControls(const QString &lossSpec, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createDataGroup());
    layout->addWidget(createModelGroup(lossSpec));
    layout->addWidget(createSliceGroup());
    layout->addStretch();
}

QWidget *SliceControls::createDataGroup()
{
    auto *group = new QGroupBox(tr("Data"), this);
    auto *layout = new QVBoxLayout(group);
    m_dataLabel = new QLabel(group);
    m_dataLabel->setWordWrap(true);
    m_openButton = new QPushButton(tr("&Open CSV…"), group);
    m_openButton->setToolTip(tr("Read another CSV file with a header row; every chosen column "
                                "must hold numbers."));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_dataLabel, 1);
    fileRow->addWidget(m_openButton);
    layout->addLayout(fileRow);

    auto *form = new QFormLayout;
    m_target = new QComboBox(group);
    m_target->setObjectName(QStringLiteral("targetColumn"));
    form->addRow(tr("&Target:"), m_target);
    layout->addLayout(form);
    auto *featuresLabel = new QLabel(tr("&Features:"), group);
    m_features = new QListWidget(group);
    m_features->setObjectName(QStringLiteral("featureColumns"));
    m_features->setToolTip(tr("Each ticked column gets its own weight in the model."));
    m_features->setMaximumHeight(120);
    featuresLabel->setBuddy(m_features);
    layout->addWidget(featuresLabel);
    layout->addWidget(m_features);

    connect(m_openButton, &QPushButton::clicked, this, &SliceControls::openRequested);
    connect(m_target, &QComboBox::currentIndexChanged, this, &SliceControls::onTargetChanged);
    connect(m_features, &QListWidget::itemChanged, this, &SliceControls::changed);
    return group;
}

QWidget *SliceControls::createModelGroup(const QString &lossSpec)
{
    auto *group = new QGroupBox(tr("Model and training"), this);
    auto *layout = new QVBoxLayout(group);
    auto *model = new QLabel(tr("y = w·x + b with one weight per feature; full-batch gradient "
                                "descent from w = 0, b = 0"),
                             group);
    model->setWordWrap(true);
    layout->addWidget(model);

    auto *form = new QFormLayout;
    m_lossEdit = new QLineEdit(lossSpec, group);
    m_lossEdit->setObjectName(QStringLiteral("lossSpec"));
    // A spec longer than the box shows its start, the loss's name, rather than its last key.
    m_lossEdit->setCursorPosition(0);
    m_lossEdit->setToolTip(tr("A loss specification such as mse, huber:delta=1.5 or bce; "
                              "applied on Return or when the box loses the focus."));
    form->addRow(tr("&Loss:"), m_lossEdit);
    m_lossError = createMessageLabel(group);
    m_lossError->setObjectName(QStringLiteral("lossError"));
    form->addRow(m_lossError);

    m_standardize = new QCheckBox(tr("&Standardize the features"), group);
    m_standardize->setObjectName(QStringLiteral("standardize"));
    m_standardize->setChecked(true);
    m_standardize->setToolTip(tr("Train on (x − mean) / sd of each feature, as the main window "
                                 "does; raw features far from 0 make a long, narrow valley."));
    form->addRow(m_standardize);

    m_learningRate = new NumberBox(group);
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_learningRate->setRange(1e-12, 1e6);
    m_learningRate->setValue(0.1);
    m_learningRate->setToolTip(tr("Step size: each update moves theta by the learning rate times "
                                  "the negative gradient."));
    form->addRow(tr("Learning &rate:"), m_learningRate);
    m_learningRateError = createMessageLabel(group);
    form->addRow(m_learningRateError);

    m_stepLimit = new QSpinBox(group);
    m_stepLimit->setObjectName(QStringLiteral("stepLimit"));
    m_stepLimit->setRange(0, 1'000'000);
    m_stepLimit->setValue(200);
    m_stepLimit->setKeyboardTracking(false);
    m_stepLimit->setToolTip(tr("Number of gradient-descent updates; the run stops earlier when "
                               "it diverges."));
    form->addRow(tr("S&teps:"), m_stepLimit);
    layout->addLayout(form);

    QString error;
    m_loss = LossCatalogue::parse(lossSpec, &error);
    if (!m_loss) {
        // The main window's loss is always valid, so this is only reached with a bad argument;
        // MSE keeps the window usable and the box shows why.
        showMessage(m_lossError, error);
        m_loss = LossCatalogue::create(QStringLiteral("mse"));
    }

    connect(m_lossEdit, &QLineEdit::editingFinished, this, &SliceControls::applyLossSpec);
    connect(m_standardize, &QCheckBox::toggled, this, &SliceControls::changed);
    connect(m_learningRate, &NumberBox::inputRejected, this,
            [this](const QString &message) { showMessage(m_learningRateError, message); });
    connect(m_learningRate, &NumberBox::valueChanged, this, [this] {
        showMessage(m_learningRateError, QString());
        emit changed();
    });
    connect(m_stepLimit, &QSpinBox::valueChanged, this, &SliceControls::changed);
    return group;
}

QWidget *SliceControls::createSliceGroup()
{
    auto *group = new QGroupBox(tr("Slice"), this);
    auto *layout = new QFormLayout(group);
    m_sliceForm = layout;
    m_mode = new QComboBox(group);
    m_mode->setObjectName(QStringLiteral("sliceMode"));
    m_mode->addItem(tr("Two parameters"));
    m_mode->addItem(tr("Random directions"));
    m_mode->setToolTip(tr("Two parameters: vary two entries of theta and hold the others. "
                          "Random directions: a plane along two random directions, each scaled "
                          "to the norm of the weights and of the intercept (Li et al. 2018)."));
    layout->addRow(tr("&Plane:"), m_mode);

    m_firstParameter = new QComboBox(group);
    m_firstParameter->setObjectName(QStringLiteral("firstParameter"));
    m_secondParameter = new QComboBox(group);
    m_secondParameter->setObjectName(QStringLiteral("secondParameter"));
    layout->addRow(tr("&x axis:"), m_firstParameter);
    layout->addRow(tr("&y axis:"), m_secondParameter);
    m_seed = new QSpinBox(group);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(1);
    m_seed->setKeyboardTracking(false);
    m_seed->setToolTip(tr("Seed of the random directions; the same seed gives the same plane."));
    layout->addRow(tr("S&eed:"), m_seed);

    m_through = new QComboBox(group);
    m_through->setObjectName(QStringLiteral("throughPoint"));
    m_through->addItem(tr("End of training"));
    m_through->addItem(tr("Start of training"));
    layout->addRow(tr("T&hrough:"), m_through);

    showModeRows(0);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        showModeRows(index);
        emit changed();
    });
    connect(m_firstParameter, &QComboBox::currentIndexChanged, this,
            [this] { onParameterChosen(m_firstParameter, m_secondParameter); });
    connect(m_secondParameter, &QComboBox::currentIndexChanged, this,
            [this] { onParameterChosen(m_secondParameter, m_firstParameter); });
    connect(m_seed, &QSpinBox::valueChanged, this, &SliceControls::changed);
    connect(m_through, &QComboBox::currentIndexChanged, this, &SliceControls::changed);
    return group;
}

void SliceControls::showModeRows(int index)
{
    const bool parameters = index == 0;
    m_sliceForm->setRowVisible(m_firstParameter, parameters);
    m_sliceForm->setRowVisible(m_secondParameter, parameters);
    m_sliceForm->setRowVisible(m_seed, !parameters);
}

void SliceControls::setDataDescription(const QString &text)
{
    m_dataLabel->setText(text);
}

QString SliceControls::dataDescription() const
{
    return m_dataLabel->text();
}

void SliceControls::setColumns(const QStringList &header, const QString &preferredTarget)
{
    m_header = header;
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_target->addItems(header);
    const int target = header.contains(preferredTarget) ? int(header.indexOf(preferredTarget))
                                                        : int(header.size()) - 1;
    m_target->setCurrentIndex(target);
    QStringList features = header;
    features.removeAt(target);
    fillFeatures(features);
}

void SliceControls::fillFeatures(const QStringList &checked)
{
    const QSignalBlocker blocker(m_features);
    m_features->clear();
    for (const QString &column : m_header) {
        if (column == m_target->currentText())
            continue;
        auto *item = new QListWidgetItem(column, m_features);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(column) ? Qt::Checked : Qt::Unchecked);
    }
}

void SliceControls::onTargetChanged()
{
    // The former target becomes a feature, ticked, and the new target leaves the list.
    QStringList checked = featureColumns();
    for (const QString &column : m_header) {
        if (m_features->findItems(column, Qt::MatchExactly).isEmpty())
            checked << column;
    }
    fillFeatures(checked);
    emit changed();
}

QString SliceControls::targetColumn() const
{
    return m_target->currentText();
}

QStringList SliceControls::featureColumns() const
{
    QStringList columns;
    for (int row = 0; row < m_features->count(); ++row) {
        const QListWidgetItem *item = m_features->item(row);
        if (item->checkState() == Qt::Checked)
            columns << item->text();
    }
    return columns;
}

bool SliceControls::standardize() const
{
    return m_standardize->isChecked();
}

QString SliceControls::lossError() const
{
    return m_lossError->text();
}

void SliceControls::applyLossSpec()
{
    const QString spec = m_lossEdit->text().trimmed();
    QString error;
    std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    if (!loss) {
        showMessage(m_lossError, tr("%1 The slices still show %2.").arg(error, m_loss->spec()));
        qCDebug(lcUi) << "slice window rejected the loss" << spec << error;
        return;
    }
    showMessage(m_lossError, QString());
    if (loss->spec() == m_loss->spec())
        return;
    m_loss = std::move(loss);
    emit changed();
}

void SliceControls::setParameterNames(const QStringList &names)
{
    QStringList current;
    for (int i = 0; i < m_firstParameter->count(); ++i)
        current << m_firstParameter->itemText(i);
    if (current == names)
        return;
    const int count = int(names.size());
    int first = std::clamp(m_firstParameter->currentIndex(), 0, count - 1);
    int second = std::clamp(m_secondParameter->currentIndex(), 0, count - 1);
    if (second == first)
        second = first == 0 ? 1 : 0;
    const QSignalBlocker firstBlocker(m_firstParameter);
    const QSignalBlocker secondBlocker(m_secondParameter);
    for (QComboBox *box : {m_firstParameter, m_secondParameter}) {
        box->clear();
        box->addItems(names);
    }
    m_firstParameter->setCurrentIndex(first);
    m_secondParameter->setCurrentIndex(second);
    m_lastFirst = first;
    m_lastSecond = second;
}

void SliceControls::onParameterChosen(QComboBox *chosen, QComboBox *other)
{
    // Both axes on one parameter would make a line, not a plane, so the other axis takes the
    // parameter the chosen axis had before.
    if (chosen->currentIndex() == other->currentIndex()) {
        const int previous = chosen == m_firstParameter ? m_lastFirst : m_lastSecond;
        const QSignalBlocker blocker(other);
        other->setCurrentIndex(previous);
    }
    m_lastFirst = m_firstParameter->currentIndex();
    m_lastSecond = m_secondParameter->currentIndex();
    emit changed();
}

SliceSettings SliceControls::settings() const
{
    SliceSettings settings;
    settings.learningRate = m_learningRate->value();
    settings.stepLimit = m_stepLimit->value();
    settings.mode = m_mode->currentIndex() == 1 ? SliceMode::RandomDirections
                                                : SliceMode::TwoParameters;
    settings.firstParameter = std::max(0, m_firstParameter->currentIndex());
    settings.secondParameter = std::max(0, m_secondParameter->currentIndex());
    settings.seed = static_cast<std::uint64_t>(m_seed->value());
    settings.through = m_through->currentIndex() == 1 ? SliceThrough::StartOfTraining
                                                      : SliceThrough::EndOfTraining;
    settings.standardize = standardize();
    return settings;
}

} // namespace losslens
