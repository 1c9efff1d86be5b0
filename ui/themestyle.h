#pragma once

#include <QProxyStyle>

namespace losslens {

// The application's style with check box and radio button indicators that stay visible in
// both themes. Fusion draws an unticked box's frame in the window colour darkened by 40%, which
// on a dark theme has almost no contrast with the box's Base fill and on a light one under 3:1.
// This style draws the frame again in Theme::inactiveTextColour(), 4.5:1 against Base.
class ThemeStyle : public QProxyStyle
{
    Q_OBJECT

public:
    // Makes a ThemeStyle over the current style the application's style, once.
    static void install();

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;

private:
    explicit ThemeStyle(QStyle *base);
};

} // namespace losslens
