#include "lessonpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace losslens {

namespace {

// The panel's preferred width in average character widths, for about 40 characters per line of
// step text.
constexpr int preferredCharacters = 40;

} // namespace

LessonPanel::LessonPanel(ApplyStep applyStep, QWidget *parent)
    : QWidget(parent), m_applyStep(std::move(applyStep)), m_title(new QLabel),
      m_summary(new QLabel), m_counter(new QLabel(this)), m_stepTitle(new QLabel),
      m_text(new QLabel), m_back(new QPushButton(tr("← &Back"), this)),
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

    // Back and Next come first, at their own size at the right end, so a teacher can click
    // through a lesson in one place. In the dock at the window's right edge, neither the texts
    // nor a change of the dock's width, as when a step hides views, moves them. The counter
    // gives way when the panel is narrow.
    for (QPushButton *button : {m_back, m_next})
        button->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_counter->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter, 1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);

    // The texts scroll on their own, below the buttons, so a long step never scrolls the
    // buttons out of sight.
    auto *texts = new QWidget;
    auto *textLayout = new QVBoxLayout(texts);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_title);
    textLayout->addWidget(m_summary);
    textLayout->addSpacing(8);
    textLayout->addWidget(m_stepTitle);
    textLayout->addWidget(m_text);
    textLayout->addStretch();
    m_textArea = new QScrollArea(this);
    m_textArea->setWidget(texts);
    m_textArea->setWidgetResizable(true);
    m_textArea->setFrameShape(QFrame::NoFrame);
    m_textArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_textArea, 1);
    layout->addWidget(m_end);

    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_end, &QPushButton::clicked, this, &LessonPanel::endRequested);
    updateLabels();
}

QSize LessonPanel::sizeHint() const
{
    // The width does not follow the texts, so a step's text does not resize the dock.
    const QMargins margins = contentsMargins() + layout()->contentsMargins();
    const int width = preferredCharacters * fontMetrics().averageCharWidth() + margins.left() +
                      margins.right() + m_textArea->verticalScrollBar()->sizeHint().width();
    return {std::max(width, minimumSizeHint().width()), QWidget::sizeHint().height()};
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
    // A new step's text starts at its top.
    m_textArea->verticalScrollBar()->setValue(0);
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
        m_counter->clear();
        m_stepTitle->clear();
        m_text->setText(tr("No lesson is open. Choose one in the Lessons menu."));
    }
    m_back->setEnabled(open && m_stepIndex > 0);
    m_next->setEnabled(open && m_stepIndex + 1 < stepCount());
    m_end->setEnabled(open);
}

} // namespace losslens
