#include "themestyle.h"

#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

namespace losslens {

ThemeStyle::ThemeStyle(QStyle *base) : QProxyStyle(base) {}

void ThemeStyle::install()
{
    if (qobject_cast<ThemeStyle *>(QApplication::style()))
        return;
    // QProxyStyle takes ownership of its base, and QApplication deletes the style it replaces,
    // so the base is a new instance of the current style.
    QApplication::setStyle(new ThemeStyle(QStyleFactory::create(QApplication::style()->name())));
}

void ThemeStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                               QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool checkBox =
        element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
    const bool radioButton = element == PE_IndicatorRadioButton;
    if (!checkBox && !radioButton)
        return;
    const bool enabled = option->state & State_Enabled;
    const QColor frame = enabled ? Theme::inactiveTextColour(option->palette)
                                 : option->palette.color(QPalette::Disabled, QPalette::Text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(frame, 1.0));
    const QRectF box = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
    if (radioButton) {
        // Fusion draws the radio button as a circle of the rect's smaller side, centred.
        const double side = std::min(box.width(), box.height());
        painter->drawEllipse(
            QRectF(box.center() - QPointF(side / 2.0, side / 2.0), QSizeF(side, side)));
    } else {
        painter->drawRoundedRect(box, 1.5, 1.5);
    }
    painter->restore();
}

} // namespace losslens
