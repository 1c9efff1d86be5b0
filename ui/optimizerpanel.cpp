#include "optimizerpanel.h"

#include "numberbox.h"
#include "parameterslider.h"
#include "sessionundoshortcut.h"
#include "uilogging.h"

#include "core/optimizercatalogue.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace losslens {

namespace {

QStringList parameterKeys(const Optimizer &optimizer)
{
    QStringList keys;
    for (const OptimizerParameter &parameter : optimizer.parameters())
        keys << parameter.key;
    return keys;
}

// The update rule of each method, as the headers in core/optimizers state them, with
// g = gradient + weight_decay theta.
QString updateRule(const QString &name)
{
    if (name == QLatin1String("gd"))
        return OptimizerPanel::tr("θ ← θ − lr g, with g on all the data");
    if (name == QLatin1String("sgd"))
        return OptimizerPanel::tr("θ ← θ − lr g, with g on a mini-batch of batch_size samples, "
                                  "reshuffled each epoch from seed");
    if (name == QLatin1String("momentum"))
        return OptimizerPanel::tr("v ← μ v + g,  θ ← θ − lr v");
    if (name == QLatin1String("nesterov"))
        return OptimizerPanel::tr("v ← μ v + g,  θ ← θ − lr (g + μ v)");
    if (name == QLatin1String("adagrad"))
        return OptimizerPanel::tr("s ← s + g²,  θ ← θ − lr g / (√s + ε)");
    if (name == QLatin1String("rmsprop"))
        return OptimizerPanel::tr("s ← α s + (1 − α) g²,  θ ← θ − lr g / (√s + ε)");
    if (name == QLatin1String("adam"))
        return OptimizerPanel::tr("m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  "
                                  "θ ← θ − lr mₜ / (√vₜ + ε) with the bias-corrected "
                                  "mₜ = m / (1 − β₁ᵗ) and vₜ = v / (1 − β₂ᵗ) at step t");
    if (name == QLatin1String("adamw"))
        return OptimizerPanel::tr("Adam, with θ ← θ (1 − lr weight_decay) before each step");
    return {};
}

} // namespace

OptimizerPanel::OptimizerPanel(SessionModel *model, int target, QWidget *parent)
    : QWidget(parent), m_model(model), m_target(target), m_method(new QComboBox(this)),
      m_parameterLayout(new QVBoxLayout), m_schedule(new QComboBox(this)),
      m_scheduleLayout(new QFormLayout), m_interval(new QSpinBox(this)),
      m_factor(new NumberBox(this)), m_period(new QSpinBox(this)), m_minimum(new NumberBox(this)),
      m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *methodRow = new QFormLayout;
    methodRow->setContentsMargins(0, 0, 0, 0);
    for (const QString &name : OptimizerCatalogue::names())
        m_method->addItem(OptimizerCatalogue::create(name)->displayName(), name);
    m_method->setToolTip(tr("The update rule, as torch.optim computes it. Switching keeps the "
                            "learning rate; the other hyperparameters take PyTorch's defaults."));
    methodRow->addRow(tr("&Method"), m_method);
    layout->addLayout(methodRow);
    m_parameterLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_parameterLayout);

    m_schedule->addItem(tr("Constant"), QStringLiteral("constant"));
    m_schedule->addItem(tr("Step (StepLR)"), QStringLiteral("step"));
    m_schedule->addItem(tr("Exponential (ExponentialLR)"), QStringLiteral("exponential"));
    m_schedule->addItem(tr("Cosine (CosineAnnealingLR)"), QStringLiteral("cosine"));
    m_schedule->setToolTip(
        tr("How the learning rate changes from step to step, as PyTorch's schedulers compute "
           "it: step multiplies it by factor every interval steps, exponential by factor every "
           "step, and cosine follows a half cosine from the learning rate down to minimum over "
           "period steps."));
    m_interval->setRange(1, 1'000'000'000);
    m_interval->setToolTip(tr("Steps between two multiplications by factor."));
    m_factor->setRange(0.0, 1.0);
    m_factor->setToolTip(tr("Factor in (0, 1] that multiplies the learning rate."));
    m_period->setRange(1, 1'000'000'000);
    m_period->setToolTip(tr("Steps from the learning rate down to minimum (T_max)."));
    m_minimum->setRange(0.0, 1e3);
    m_minimum->setToolTip(tr("Lowest learning rate of the cosine schedule (eta_min)."));
    for (QSpinBox *box : {m_interval, m_period}) {
        box->setKeyboardTracking(false);
        passUndoShortcutsToWindow(box);
    }
    m_scheduleLayout->setContentsMargins(0, 0, 0, 0);
    m_scheduleLayout->addRow(tr("S&chedule"), m_schedule);
    m_scheduleLayout->addRow(tr("interval"), m_interval);
    m_scheduleLayout->addRow(tr("factor"), m_factor);
    m_scheduleLayout->addRow(tr("period"), m_period);
    m_scheduleLayout->addRow(tr("minimum"), m_minimum);
    layout->addLayout(m_scheduleLayout);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->hide();
    layout->addWidget(m_message);

    connect(m_method, &QComboBox::activated, this, [this](int index) {
        showMessage(m_model->setOptimizerMethod(m_target, m_method->itemData(index).toString()));
    });
    connect(m_schedule, &QComboBox::activated, this, [this](int index) {
        // A new kind starts from its own defaults, not from the boxes of another kind.
        showMessage(m_model->setSchedule(m_target, m_schedule->itemData(index).toString()));
    });
    for (QSpinBox *box : {m_interval, m_period}) {
        connect(box, &QSpinBox::valueChanged, this, [this] {
            if (!m_syncing)
                applySchedule();
        });
    }
    for (NumberBox *box : {m_factor, m_minimum}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!m_syncing)
                applySchedule();
        });
        connect(box, &NumberBox::inputRejected, this, &OptimizerPanel::showMessage);
    }
    connect(m_model, &SessionModel::changed, this, &OptimizerPanel::onModelChanged);
    sync();
}

void OptimizerPanel::setTarget(int target)
{
    if (target == m_target)
        return;
    m_target = target;
    m_builtName.clear();
    showMessage(QString());
    sync();
}

ParameterSlider *OptimizerPanel::parameterSlider(const QString &key) const
{
    for (const auto &[name, slider] : m_sliders) {
        if (name == key)
            return slider;
    }
    return nullptr;
}

QDoubleSpinBox *OptimizerPanel::wholeNumberBox(const QString &key) const
{
    for (const auto &[name, box] : m_wholeNumberBoxes) {
        if (name == key)
            return box;
    }
    return nullptr;
}

void OptimizerPanel::onModelChanged(SessionModel::Changes changes)
{
    const SessionModel::Changes shown =
        m_target == SessionModel::sessionOptimizer
            ? SessionModel::OptimizerChanged
            : SessionModel::RunsChanged | SessionModel::RunListChanged;
    if (changes & shown)
        sync();
}

void OptimizerPanel::sync()
{
    const OptimizerSettings *settings = m_model->optimizerSettings(m_target);
    setEnabled(settings != nullptr);
    if (!settings)
        return;
    const Optimizer &optimizer = *settings->optimizer;
    m_syncing = true;
    m_method->setCurrentIndex(m_method->findData(optimizer.name()));
    if (optimizer.name() != m_builtName || parameterKeys(optimizer) != m_builtKeys)
        rebuildParameters(optimizer);
    for (const auto &[key, slider] : m_sliders)
        slider->setValue(optimizer.parameterValue(optimizer.parameterIndex(key)));
    for (const auto &[key, box] : m_wholeNumberBoxes)
        box->setValue(optimizer.parameterValue(optimizer.parameterIndex(key)));
    syncSchedule(settings->schedule);
    m_syncing = false;
}

void OptimizerPanel::rebuildParameters(const Optimizer &optimizer)
{
    // Hidden at once so a screenshot taken before the deferred deletion never shows them.
    for (QWidget *widget : m_parameterWidgets) {
        widget->hide();
        widget->deleteLater();
    }
    m_parameterWidgets.clear();
    m_sliders.clear();
    m_wholeNumberBoxes.clear();
    m_builtName = optimizer.name();
    m_builtKeys = parameterKeys(optimizer);

    auto *rule = new QLabel(updateRule(optimizer.name()), this);
    rule->setWordWrap(true);
    rule->setToolTip(tr("The update of each step, with g = gradient + weight_decay θ."));
    m_parameterLayout->addWidget(rule);
    m_parameterWidgets.push_back(rule);
    const auto parameters = optimizer.parameters();
    for (int index = 0; index < static_cast<int>(parameters.size()); ++index) {
        if (parameters[index].isInteger)
            addWholeNumberBox(optimizer, index);
        else
            addSlider(optimizer, index);
    }
}

void OptimizerPanel::addSlider(const Optimizer &optimizer, int index)
{
    const OptimizerParameter parameter = optimizer.parameters().at(index);
    ParameterSlider::Settings settings;
    settings.label = index == 0 ? tr("&Learning rate") : parameter.key;
    settings.toolTip = parameter.description;
    settings.defaultValue = parameter.defaultValue;
    settings.minimum = parameter.minimum;
    settings.maximum = parameter.maximum;
    settings.logarithmic = parameter.isLogarithmic || parameter.minimum > 0.0;
    if (index == 0) {
        // From a crawl to a jump across the standardized landscape in one step.
        settings.sliderMinimum = std::max(parameter.minimum, 1e-6);
        settings.sliderMaximum = std::min(parameter.maximum, 10.0);
    } else if (settings.logarithmic) {
        // Four decades either side of the default, as for epsilon.
        settings.sliderMinimum = std::max(parameter.minimum, parameter.defaultValue * 1e-4);
        settings.sliderMaximum = std::min(parameter.maximum, parameter.defaultValue * 1e4);
    } else {
        // Momentum and the betas lie in [0, 1). A weight decay above 1 stays typed in the box.
        settings.sliderMinimum = parameter.minimum;
        settings.sliderMaximum = std::min(parameter.maximum, 1.0);
    }
    auto *slider = new ParameterSlider(settings, this);
    slider->setValue(optimizer.parameterValue(index));
    connect(slider, &ParameterSlider::valueChanged, this,
            [this, index](double value) { applyParameter(index, value); });
    connect(slider, &ParameterSlider::editFinished, m_model, &SessionModel::finishGesture);
    m_parameterLayout->addWidget(slider);
    m_sliders.emplace_back(parameter.key, slider);
    m_parameterWidgets.push_back(slider);
}

void OptimizerPanel::addWholeNumberBox(const Optimizer &optimizer, int index)
{
    const OptimizerParameter parameter = optimizer.parameters().at(index);
    auto *row = new QWidget(this);
    auto *rowLayout = new QFormLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    // A double spin box without decimals represents every whole number up to 2^53 exactly, so
    // it takes the seed's range up to 2^32 - 1, which an int spin box does not.
    auto *box = new QDoubleSpinBox(row);
    box->setDecimals(0);
    box->setRange(parameter.minimum, parameter.maximum);
    box->setKeyboardTracking(false);
    box->setToolTip(parameter.description);
    box->setValue(optimizer.parameterValue(index));
    passUndoShortcutsToWindow(box);
    rowLayout->addRow(parameter.key, box);
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, index](double value) {
        if (!m_syncing)
            applyParameter(index, value);
    });
    connect(box, &QDoubleSpinBox::editingFinished, m_model, &SessionModel::finishGesture);
    m_parameterLayout->addWidget(row);
    m_wholeNumberBoxes.emplace_back(parameter.key, box);
    m_parameterWidgets.push_back(row);
}

void OptimizerPanel::applyParameter(int index, double value)
{
    if (m_syncing)
        return;
    const QString error = m_model->setOptimizerParameter(m_target, index, value);
    showMessage(error);
    if (!error.isEmpty())
        qCDebug(lcUi) << "optimizer parameter rejected:" << error;
}

void OptimizerPanel::syncSchedule(const LearningRateSchedule &schedule)
{
    const QString name = schedule.spec().section(QLatin1Char(':'), 0, 0);
    m_schedule->setCurrentIndex(m_schedule->findData(name));
    m_interval->setValue(schedule.interval);
    m_factor->setValue(schedule.factor);
    m_period->setValue(schedule.period);
    m_minimum->setValue(schedule.minimum);
    const LearningRateSchedule::Kind kind = schedule.kind();
    m_scheduleLayout->setRowVisible(m_interval, kind == LearningRateSchedule::Kind::Step);
    m_scheduleLayout->setRowVisible(m_factor, kind == LearningRateSchedule::Kind::Step ||
                                                  kind == LearningRateSchedule::Kind::Exponential);
    m_scheduleLayout->setRowVisible(m_period, kind == LearningRateSchedule::Kind::Cosine);
    m_scheduleLayout->setRowVisible(m_minimum, kind == LearningRateSchedule::Kind::Cosine);
}

void OptimizerPanel::applySchedule()
{
    const QString name = m_schedule->currentData().toString();
    QString spec = name;
    if (name == QLatin1String("step"))
        spec += QStringLiteral(":interval=%1,factor=%2")
                    .arg(m_interval->value())
                    .arg(formatNumber(m_factor->value()));
    else if (name == QLatin1String("exponential"))
        spec += QStringLiteral(":factor=%1").arg(formatNumber(m_factor->value()));
    else if (name == QLatin1String("cosine"))
        spec += QStringLiteral(":period=%1,minimum=%2")
                    .arg(m_period->value())
                    .arg(formatNumber(m_minimum->value()));
    showMessage(m_model->setSchedule(m_target, spec));
}

void OptimizerPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

} // namespace losslens
