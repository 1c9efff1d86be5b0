#pragma once

#include <QObject>
#include <QPalette>

namespace losslens {

// The application's colours: the system's, or a light or dark palette chosen in View > Theme and
// kept in QSettings under "appearance/theme". The plots follow through PlotStyle: background,
// axes, grid, titles and data colours, while heat maps keep their viridis colour scale.
class Theme : public QObject
{
    Q_OBJECT

public:
    enum class Choice { System, Light, Dark };
    Q_ENUM(Choice)

    explicit Theme(QObject *parent = nullptr);

    Choice choice() const { return m_choice; }
    // Applies a choice to the application and the plots and stores it in QSettings.
    void setChoice(Choice choice);
    // Applies the choice stored in QSettings, System when there is none or it is unknown.
    void restoreChoice();
    // Whether the applied palette is dark.
    bool isDark() const;

    // The palette the application started with, which the System choice applies. Qt 6.4 has
    // no colour-scheme query, so the first call records QApplication::palette() as the system's.
    static QPalette systemPalette();
    // Judged by the lightness of the window colour: below 0.5 (HSL) is dark.
    static bool isDarkPalette(const QPalette &palette);
    static QPalette lightPalette();
    static QPalette darkPalette();
    // The text colour of list items that are shown but not in use, such as a loss the data
    // cannot fit or a run of a hidden loss. It starts halfway from Text to Base and moves back
    // towards Text until its contrast with Base reaches WCAG 2.1's 4.5:1 for text. So it reads
    // as greyed out and stays readable in both themes.
    static QColor inactiveTextColour(const QPalette &palette);

signals:
    void choiceChanged(losslens::Theme::Choice choice);

private:
    void apply();

    Choice m_choice = Choice::System;
};

} // namespace losslens
