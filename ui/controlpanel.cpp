#include "controlpanel.h"

#include "defaultdata.h"
#include "listparametereditor.h"
#include "lossinfo.h"
#include "losslisteditor.h"
#include "lossspecentry.h"
#include "optimizerpanel.h"
#include "parameterslider.h"
#include "residualscaleeditor.h"
#include "runlisteditor.h"
#include "uilogging.h"

#include "core/losscatalogue.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace losslens {

namespace {

QStringList parameterKeys(const Loss &loss)
{
    QStringList keys;
    for (const LossParameter &parameter : loss.parameters())
        keys << parameter.key;
    return keys;
}

} // namespace

ControlPanel::ControlPanel(SessionModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_dataLabel(new QLabel(this)),
      m_openButton(new QPushButton(tr("&Open CSV…"), this)),
      m_standardize(new QCheckBox(tr("&Standardize the feature"), this)),
      m_lossListEditor(new LossListEditor(model, this)), m_parameterGroup(new QGroupBox(this)),
      m_parameterLayout(new QVBoxLayout(m_parameterGroup))
{
    auto *layout = new QVBoxLayout(this);

    auto *dataGroup = new QGroupBox(tr("Data"), this);
    auto *dataLayout = new QVBoxLayout(dataGroup);
    m_dataLabel->setWordWrap(true);
    m_dataLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openButton->setToolTip(tr("Load two columns of a CSV file as feature and target."));
    m_standardize->setToolTip(
        tr("Train and draw the landscape on (x − mean) / standard deviation, which makes the "
           "valley round; turn off to see the raw, ill-conditioned valley. Lines are always "
           "reported in the data's own units."));
    dataLayout->addWidget(m_dataLabel);
    dataLayout->addWidget(m_openButton);
    dataLayout->addWidget(m_standardize);
    layout->addWidget(dataGroup);

    auto *lossGroup = new QGroupBox(tr("Losses"), this);
    auto *lossLayout = new QVBoxLayout(lossGroup);
    lossLayout->addWidget(m_lossListEditor);
    layout->addWidget(lossGroup);

    layout->addWidget(m_parameterGroup);

    auto *optimizerGroup = new QGroupBox(tr("Optimizer"), this);
    optimizerGroup->setToolTip(tr("The line y = w·x + b is trained by this optimizer in every "
                                  "run that has none of its own."));
    auto *optimizerLayout = new QVBoxLayout(optimizerGroup);
    m_optimizerPanel = new OptimizerPanel(model, SessionModel::sessionOptimizer, optimizerGroup);
    optimizerLayout->addWidget(m_optimizerPanel);
    layout->addWidget(optimizerGroup);

    auto *runGroup = new QGroupBox(tr("Runs"), this);
    auto *runLayout = new QVBoxLayout(runGroup);
    m_runListEditor = new RunListEditor(model, runGroup);
    runLayout->addWidget(m_runListEditor);
    layout->addWidget(runGroup);

    m_infoGroup = new QGroupBox(this);
    auto *infoLayout = new QVBoxLayout(m_infoGroup);
    m_info = new QLabel(m_infoGroup);
    m_info->setWordWrap(true);
    m_info->setTextFormat(Qt::RichText);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    infoLayout->addWidget(m_info);
    layout->addWidget(m_infoGroup);
    layout->addStretch();

    connect(m_openButton, &QPushButton::clicked, this, &ControlPanel::openRequested);
    connect(m_standardize, &QCheckBox::toggled, this, [this](bool checked) {
        if (!m_syncing)
            m_model->setStandardize(checked);
    });
    connect(m_model, &SessionModel::changed, this, &ControlPanel::onModelChanged);

    syncData();
    rebuildParameters();
}

ParameterSlider *ControlPanel::learningRateSlider() const
{
    return m_optimizerPanel->learningRateSlider();
}

QListWidget *ControlPanel::lossList() const
{
    return m_lossListEditor->lossList();
}

ParameterSlider *ControlPanel::parameterSlider(const QString &key) const
{
    for (const auto &[name, slider] : m_parameterSliders) {
        if (name == key)
            return slider;
    }
    return nullptr;
}

ListParameterEditor *ControlPanel::listEditor(const QString &key) const
{
    for (ListParameterEditor *editor : m_listEditors) {
        if (editor->key() == key)
            return editor;
    }
    return nullptr;
}

void ControlPanel::onModelChanged(SessionModel::Changes changes)
{
    if (changes & (SessionModel::DataChanged | SessionModel::ScalingChanged))
        syncData();
    // A spec edit may replace the current loss by one with other parameters, which needs new
    // widgets, as a change of the current loss does.
    if ((changes & SessionModel::CurrentLossChanged) ||
        ((changes & SessionModel::LossParametersChanged) && !parametersMatchCurrentLoss())) {
        rebuildParameters();
    } else if (changes & SessionModel::LossParametersChanged) {
        syncParameterValues();
        syncInfo();
    }
    // The estimate of a residual scale follows the data and the loss's parameters.
    if (changes & (SessionModel::LossParametersChanged | SessionModel::DataChanged |
                   SessionModel::ScalingChanged))
        syncResidualScale();
}

void ControlPanel::syncData()
{
    const Dataset &data = m_model->data();
    QString source = QFileInfo(data.source).fileName();
    for (const ExampleDataset &example : exampleDatasets()) {
        if (example.resourcePath == data.source)
            source = tr("bundled: %1").arg(example.name);
    }
    m_dataLabel->setText(tr("%1\n%2 points, x = %3, y = %4")
                             .arg(source)
                             .arg(data.size())
                             .arg(data.featureName, data.targetName));
    m_syncing = true;
    m_standardize->setChecked(m_model->state().standardize);
    m_syncing = false;
}

bool ControlPanel::parametersMatchCurrentLoss() const
{
    const Loss &loss = *m_model->lossEntry(m_model->state().currentLoss).loss;
    return loss.name() == m_builtName && parameterKeys(loss) == m_builtKeys &&
           loss.acceptsResidualScale() == m_builtScale;
}

void ControlPanel::syncParameterValues()
{
    const Loss &loss = *m_model->lossEntry(m_model->state().currentLoss).loss;
    for (const auto &[key, slider] : m_parameterSliders)
        slider->setValue(loss.parameterValue(loss.parameterIndex(key)));
    // An editor whose list did not change keeps its text, so a rejected entry stays in view
    // for correction while another parameter changes.
    for (ListParameterEditor *editor : m_listEditors) {
        const QVector<double> items = loss.parameterList(loss.parameterIndex(editor->key()));
        if (items != editor->items())
            editor->setItems(items);
    }
    if (m_specEditor && m_specEditor->lineEdit()->text() != loss.spec()) {
        m_specEditor->lineEdit()->setText(loss.spec());
        m_specEditor->clearError();
    }
}

void ControlPanel::syncResidualScale()
{
    if (!m_scaleEditor)
        return;
    const int lossIndex = m_model->state().currentLoss;
    m_scaleEditor->setScale(m_model->lossEntry(lossIndex).loss->residualScale(),
                            m_model->objective(lossIndex)->loss().residualScale());
}

void ControlPanel::syncInfo()
{
    const Loss &loss = *m_model->lossEntry(m_model->state().currentLoss).loss;
    const QString page = lossInfoPage(loss);
    m_info->setText(page);
    m_infoGroup->setVisible(!page.isEmpty());
}

void ControlPanel::addFormulaEditor(int lossIndex, const Loss &loss)
{
    // The expression is the whole spec after "formula:".
    const QString expression = loss.spec().mid(loss.spec().indexOf(QLatin1Char(':')) + 1);
    auto *editor = new QLineEdit(expression, m_parameterGroup);
    editor->setObjectName(QStringLiteral("formulaEditor"));
    editor->setToolTip(tr("A loss in e (regression) or in z and y (classification), with + - * "
                          "/ ^ and abs, exp, log, sqrt, sin, cos, tan, tanh, cosh, sinh, atan. "
                          "Press Return to apply."));
    auto *message = new QLabel(m_parameterGroup);
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("color: #b00020"));
    message->hide();
    connect(editor, &QLineEdit::returnPressed, this, [this, lossIndex, editor, message] {
        QString error;
        std::shared_ptr<const Loss> parsed =
            LossCatalogue::parse(QStringLiteral("formula:") + editor->text(), &error);
        message->setVisible(!parsed);
        if (!parsed) {
            message->setText(error);
            return;
        }
        m_model->setLoss(lossIndex, parsed);
    });
    auto *label = new QLabel(tr("ρ ="), m_parameterGroup);
    for (QWidget *widget : {static_cast<QWidget *>(label), static_cast<QWidget *>(editor),
                            static_cast<QWidget *>(message)}) {
        m_parameterLayout->addWidget(widget);
        m_parameterWidgets.push_back(widget);
    }
}

void ControlPanel::addListEditor(int lossIndex, int parameterIndex, const Loss &loss)
{
    const LossParameter parameter = loss.parameters().at(parameterIndex);
    auto *editor = new ListParameterEditor(
        parameter.key,
        tr("%1 Separate the items with '|', as in 1|2|0.5, and press Return to apply.")
            .arg(parameter.description),
        m_parameterGroup);
    editor->setItems(loss.parameterList(parameterIndex));
    connect(editor, &ListParameterEditor::itemsEntered, this,
            [this, editor, lossIndex, parameterIndex](const QVector<double> &items) {
                applyList(editor, lossIndex, parameterIndex, items);
            });
    m_parameterLayout->addWidget(editor);
    m_listEditors.push_back(editor);
    m_parameterWidgets.push_back(editor);
}

void ControlPanel::applyList(ListParameterEditor *editor, int lossIndex, int parameterIndex,
                             const QVector<double> &items)
{
    const std::shared_ptr<const Loss> before = m_model->lossEntry(lossIndex).loss;
    const QString error = m_model->setLossParameterList(lossIndex, parameterIndex, items);
    if (!error.isEmpty()) {
        editor->showError(error);
        return;
    }
    const Loss &after = *m_model->lossEntry(lossIndex).loss;
    // Shows the items as the spec writes them, also when they equal the current ones.
    editor->setItems(after.parameterList(parameterIndex));
    qCDebug(lcUi) << "Set" << editor->key() << "of" << after.name() << "to"
                  << formatList(after.parameterList(parameterIndex));
    // An editor hidden by a change of the current loss still reports its entry, and then the
    // other editors belong to another loss.
    if (lossIndex != m_model->state().currentLoss)
        return;
    // The same step may have resized a list that depends on this one: cross-entropy's others
    // need K - 1 items, K being the number of weights. Its editor shows how.
    for (ListParameterEditor *other : m_listEditors) {
        if (other == editor)
            continue;
        const int index = after.parameterIndex(other->key());
        const QVector<double> old = before->parameterList(index);
        const QVector<double> now = after.parameterList(index);
        if (now.size() > old.size()) {
            other->showNote(tr("Appended %1 to %2 to match the new %3.")
                                .arg(formatList(now.mid(old.size())), other->key(), editor->key()));
        } else if (now.size() < old.size()) {
            other->showNote(tr("Dropped %1 from the end of %2 to match the new %3.")
                                .arg(formatList(old.mid(now.size())), other->key(), editor->key()));
        }
    }
}

void ControlPanel::rebuildParameters()
{
    // Hidden at once so a screenshot taken before the deferred deletion never shows them.
    for (QWidget *widget : m_parameterWidgets) {
        widget->hide();
        widget->deleteLater();
    }
    m_parameterWidgets.clear();
    m_parameterSliders.clear();
    m_listEditors.clear();
    m_scaleEditor = nullptr;
    m_specEditor = nullptr;
    const int lossIndex = m_model->state().currentLoss;
    const LossEntry &entry = m_model->lossEntry(lossIndex);
    const Loss &loss = *entry.loss;
    m_builtName = loss.name();
    m_builtKeys = parameterKeys(loss);
    m_builtScale = loss.acceptsResidualScale();
    m_parameterGroup->setTitle(tr("%1 parameters").arg(loss.displayName()));
    m_infoGroup->setTitle(tr("About %1").arg(loss.displayName()));
    syncInfo();
    const auto parameters = loss.parameters();
    if (loss.name() == QLatin1String("formula")) {
        addFormulaEditor(lossIndex, loss);
        return;
    }
    // A composite's terms keep their own parameters in the spec, so an added loss shows it.
    if (entry.removable)
        addSpecEditor(lossIndex, loss);
    if (parameters.empty() && !loss.acceptsResidualScale()) {
        auto *none = new QLabel(tr("%1 has no parameters.").arg(loss.displayName()));
        m_parameterLayout->addWidget(none);
        m_parameterWidgets.push_back(none);
        return;
    }
    for (int p = 0; p < static_cast<int>(parameters.size()); ++p) {
        const LossParameter &parameter = parameters[p];
        if (parameter.isList) {
            addListEditor(lossIndex, p, loss);
            continue;
        }
        ParameterSlider::Settings settings;
        settings.label = parameter.key;
        settings.toolTip = parameter.description;
        settings.defaultValue = parameter.defaultValue;
        // The value box takes the whole valid range. An infinite bound, such as Barron's
        // alpha = -inf, is a valid value that the box shows and reads as "-inf" and the
        // slider's end position selects.
        settings.minimum = parameter.minimum;
        settings.maximum = parameter.maximum;
        // Positive scale parameters span decades, so their slider is logarithmic; a slider over
        // an unbounded side covers [-10, 10].
        settings.logarithmic = parameter.minimum > 0.0;
        settings.sliderMinimum = settings.logarithmic ? std::max(parameter.minimum, 0.01)
                                                      : std::max(parameter.minimum, -10.0);
        settings.sliderMaximum = settings.logarithmic ? std::min(parameter.maximum, 100.0)
                                                      : std::min(parameter.maximum, 10.0);
        auto *slider = new ParameterSlider(settings, m_parameterGroup);
        slider->setValue(loss.parameterValue(p));
        connect(slider, &ParameterSlider::valueChanged, this, [this, lossIndex, p](double value) {
            m_model->setLossParameter(lossIndex, p, value);
        });
        connect(slider, &ParameterSlider::editFinished, m_model, &SessionModel::finishGesture);
        m_parameterLayout->addWidget(slider);
        m_parameterSliders.emplace_back(parameter.key, slider);
        m_parameterWidgets.push_back(slider);
    }
    if (loss.acceptsResidualScale())
        addResidualScaleEditor(lossIndex);
}

void ControlPanel::addSpecEditor(int lossIndex, const Loss &loss)
{
    auto *label = new QLabel(tr("Spec, as --loss takes it"), m_parameterGroup);
    m_specEditor = new LossSpecEntry(QString(), QString(), m_parameterGroup);
    m_specEditor->setObjectName(QStringLiteral("specEditor"));
    label->setBuddy(m_specEditor->lineEdit());
    m_specEditor->lineEdit()->setText(loss.spec());
    m_specEditor->lineEdit()->setCursorPosition(0);
    connect(m_specEditor, &LossSpecEntry::lossEntered, this,
            [this, lossIndex](std::shared_ptr<const Loss> parsed) {
                m_model->setLoss(lossIndex, std::move(parsed));
            });
    for (QWidget *widget : {static_cast<QWidget *>(label), static_cast<QWidget *>(m_specEditor)}) {
        m_parameterLayout->addWidget(widget);
        m_parameterWidgets.push_back(widget);
    }
}

void ControlPanel::addResidualScaleEditor(int lossIndex)
{
    m_scaleEditor = new ResidualScaleEditor(m_parameterGroup);
    connect(m_scaleEditor, &ResidualScaleEditor::scaleChosen, this,
            [this, lossIndex](const ResidualScale &scale) {
                const QString error = m_model->setLossResidualScale(lossIndex, scale);
                if (!error.isEmpty())
                    qCWarning(lcUi) << "residual scale rejected:" << error;
            });
    connect(m_scaleEditor, &ResidualScaleEditor::editFinished, m_model,
            &SessionModel::finishGesture);
    m_parameterLayout->addWidget(m_scaleEditor);
    m_parameterWidgets.push_back(m_scaleEditor);
    syncResidualScale();
}

} // namespace losslens
