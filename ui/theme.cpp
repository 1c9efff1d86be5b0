#include "theme.h"

#include "plotstyle.h"
#include "themestyle.h"
#include "uilogging.h"

#include <QApplication>
#include <QMetaEnum>
#include <QSettings>
#include <QStyle>

namespace losslens {

namespace {

const char *const settingsKey = "appearance/theme";

} // namespace

Theme::Theme(QObject *parent) : QObject(parent)
{
    systemPalette();
    ThemeStyle::install();
}

QPalette Theme::systemPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

bool Theme::isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QPalette Theme::lightPalette()
{
    const QPalette system = systemPalette();
    // The style's own palette is light for Fusion, the style Qt uses without a platform theme.
    return isDarkPalette(system) ? QApplication::style()->standardPalette() : system;
}

QPalette Theme::darkPalette()
{
    const QPalette system = systemPalette();
    if (isDarkPalette(system))
        return system;
    QPalette palette;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(58, 58, 62));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 110, 110));
    palette.setColor(QPalette::Light, QColor(80, 80, 84));
    palette.setColor(QPalette::Midlight, QColor(66, 66, 70));
    palette.setColor(QPalette::Mid, QColor(40, 40, 42));
    palette.setColor(QPalette::Dark, QColor(22, 22, 24));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(61, 133, 198));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(110, 170, 240));
    palette.setColor(QPalette::LinkVisited, QColor(180, 140, 230));
    const QColor disabled(128, 128, 128);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(70, 70, 74));
    return palette;
}

QColor Theme::inactiveTextColour(const QPalette &palette)
{
    // WCAG 2.1 success criterion 1.4.3, the minimum contrast of normal text.
    constexpr double minimumTextContrast = 4.5;
    const QColor text = palette.color(QPalette::Active, QPalette::Text);
    const QColor base = palette.color(QPalette::Active, QPalette::Base);
    QColor colour = text;
    for (double share = 0.5; share > 0.0; share -= 0.05) {
        colour = QColor::fromRgbF(text.redF() + share * (base.redF() - text.redF()),
                                  text.greenF() + share * (base.greenF() - text.greenF()),
                                  text.blueF() + share * (base.blueF() - text.blueF()));
        if (contrastRatio(colour, base) >= minimumTextContrast)
            return colour;
    }
    return text;
}

void Theme::setChoice(Choice choice)
{
    m_choice = choice;
    QSettings().setValue(QLatin1String(settingsKey),
                         QString::fromLatin1(QMetaEnum::fromType<Choice>().valueToKey(int(choice))));
    apply();
    emit choiceChanged(choice);
}

void Theme::restoreChoice()
{
    const QString stored = QSettings().value(QLatin1String(settingsKey)).toString();
    bool known = false;
    const int value = QMetaEnum::fromType<Choice>().keyToValue(stored.toLatin1().constData(), &known);
    if (!stored.isEmpty() && !known)
        qCWarning(lcUi) << "unknown theme" << stored << "in the settings, using the system's";
    m_choice = known ? Choice(value) : Choice::System;
    apply();
    emit choiceChanged(m_choice);
}

bool Theme::isDark() const
{
    return isDarkPalette(QApplication::palette());
}

void Theme::apply()
{
    QPalette palette = systemPalette();
    if (m_choice == Choice::Light)
        palette = lightPalette();
    else if (m_choice == Choice::Dark)
        palette = darkPalette();
    QApplication::setPalette(palette);

    PlotLook look = PlotStyle::instance()->look();
    if (isDarkPalette(palette)) {
        look.background = palette.color(QPalette::Base);
        look.foreground = palette.color(QPalette::Text);
    } else {
        // QCustomPlot's own look, so the light theme draws the plots exactly as the views set them.
        look.background = Qt::white;
        look.foreground = Qt::black;
    }
    PlotStyle::instance()->setLook(look);
}

} // namespace losslens
