#include "lessonpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace losslens {

LessonPanel::LessonPanel(ApplyStep applyStep, QWidget *parent)
    : QWidget(parent), m_applyStep(std::move(applyStep)), m_title(new QLabel(this)),
      m_summary(new QLabel(this)), m_counter(new QLabel(this)), m_stepTitle(new QLabel(this)),
      m_text(new QLabel(this)), m_back(new QPushButton(tr("← &Back"), this)),
      m_next(new QPushButton(tr("&Next →"), this)), m_end(new QPushButton(tr("&End lesson"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    QFont stepFont = m_stepTitle->font();
    stepFont.setBold(true);
    m_stepTitle->setFont(stepFont);
    for (QLabel *label : {m_title, m_summary, m_stepTitle, m_text}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    m_back->setToolTip(tr("Apply the previous step again, exactly as it was."));
    m_next->setToolTip(tr("Apply the next step."));
    m_end->setToolTip(tr("Close the lesson and keep exploring the current session."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addSpacing(8);
    layout->addWidget(m_counter);
    // Back and Next above the step's text, so they stay in one place whatever its length and a
    // teacher can click through a lesson without looking.
    layout->addLayout(buttons);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_text);
    layout->addStretch();
    layout->addWidget(m_end);

    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_end, &QPushButton::clicked, this, &LessonPanel::endRequested);
    updateLabels();
}

bool LessonPanel::open(const SessionDocument &document, QString *error)
{
    std::optional<std::vector<ResolvedLessonStep>> steps = resolveLessonSteps(document, error);
    if (!steps)
        return false;
    m_lesson = *document.lesson;
    m_steps = std::move(*steps);
    m_stepIndex = -1;
    goToStep(0);
    return true;
}

void LessonPanel::close()
{
    m_lesson = {};
    m_steps.clear();
    m_stepIndex = 0;
    updateLabels();
}

void LessonPanel::next()
{
    goToStep(m_stepIndex + 1);
}

void LessonPanel::back()
{
    goToStep(m_stepIndex - 1);
}

void LessonPanel::goToStep(int index)
{
    if (index < 0 || index >= stepCount())
        return;
    m_stepIndex = index;
    m_applyStep(m_steps[index]);
    updateLabels();
}

void LessonPanel::updateLabels()
{
    const bool open = isOpen();
    m_title->setText(m_lesson.title);
    m_summary->setText(m_lesson.summary);
    m_summary->setVisible(!m_lesson.summary.isEmpty());
    if (open) {
        const LessonStep &step = m_lesson.steps[m_stepIndex];
        m_counter->setText(tr("Step %1 of %2").arg(m_stepIndex + 1).arg(stepCount()));
        m_stepTitle->setText(step.title);
        m_text->setText(step.text);
    } else {
        m_counter->setText(tr("No lesson is open. Choose one in the Lessons menu."));
        m_stepTitle->clear();
        m_text->clear();
    }
    m_back->setEnabled(open && m_stepIndex > 0);
    m_next->setEnabled(open && m_stepIndex + 1 < stepCount());
    m_end->setEnabled(open);
}

} // namespace losslens
