#pragma once

#include "lessonsteps.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QScrollArea;

namespace losslens {

// The lesson's side panel: "Step k of n", Back and Next at the top, then the lesson's title and
// the step's text, which scroll below them, and End lesson. Each step applies its whole session document through the function given, so Back
// restores an earlier step exactly, whatever the user changed in between.
class LessonPanel : public QWidget
{
    Q_OBJECT

public:
    using ApplyStep = std::function<void(const ResolvedLessonStep &)>;

    explicit LessonPanel(ApplyStep applyStep, QWidget *parent = nullptr);

    // Resolves the document's lesson and applies its first step. On failure returns false,
    // sets *error and keeps the lesson that was open.
    bool open(const SessionDocument &document, QString *error);
    // Forgets the lesson; the session stays as it is.
    void close();
    bool isOpen() const { return !m_steps.empty(); }

    const Lesson &lesson() const { return m_lesson; }
    int stepIndex() const { return m_stepIndex; }
    int stepCount() const { return static_cast<int>(m_steps.size()); }
    // The document that step index applies, for tests.
    const ResolvedLessonStep &step(int index) const { return m_steps.at(index); }

    QPushButton *backButton() const { return m_back; }
    QPushButton *nextButton() const { return m_next; }
    QLabel *textLabel() const { return m_text; }

    // A width for about 40 characters of text, the same for every lesson and step.
    QSize sizeHint() const override;

public slots:
    void next();
    void back();
    // Applies step index, 0-based; an index out of range is ignored.
    void goToStep(int index);

signals:
    // The user pressed End lesson.
    void endRequested();

private:
    void updateLabels();

    ApplyStep m_applyStep;
    Lesson m_lesson;
    std::vector<ResolvedLessonStep> m_steps;
    int m_stepIndex = 0;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_counter;
    QLabel *m_stepTitle;
    QLabel *m_text;
    QScrollArea *m_textArea;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_end;
};

} // namespace losslens
