#pragma once

#include "viewexport.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace losslens {

// The part of the main window that File > Export view writes.
enum class ExportedView { Landscape, Data, LossCurves, Training, Window };

// The choices of File > Export view: the part of the window, the file, its size and resolution.
struct ViewExportRequest
{
    ExportedView view = ExportedView::Landscape;
    ViewExportSettings settings;
};

// Asks which view to export and where, the file's suffix choosing PNG, SVG or PDF, and the size
// in device-independent pixels (the view's own by default) and the resolution in dots per inch.
class ViewExportDialog : public QDialog
{
    Q_OBJECT

public:
    // viewSize returns a view's size in device-independent pixels, the default size.
    ViewExportDialog(const ViewExportRequest &initial, std::function<QSize(ExportedView)> viewSize,
                     QWidget *parent = nullptr);

    ViewExportRequest request() const;

    QComboBox *viewBox() const { return m_view; }
    QLineEdit *pathEdit() const { return m_path; }
    QSpinBox *widthBox() const { return m_width; }
    QSpinBox *heightBox() const { return m_height; }
    QSpinBox *dotsPerInchBox() const { return m_dotsPerInch; }
    // The reason the last accept() was rejected, empty when none.
    QString errorText() const;

    // Accepts only a path with a .png, .svg or .pdf suffix in an existing folder. Otherwise the
    // reason appears under the boxes.
    void accept() override;

private:
    void browse();
    void onViewChanged();
    void updatePixelSize();
    QString validatePath() const;

    std::function<QSize(ExportedView)> m_viewSize;
    QComboBox *m_view;
    QLineEdit *m_path;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QSpinBox *m_dotsPerInch;
    QLabel *m_pixelSize;
    QLabel *m_error;
};

} // namespace losslens
