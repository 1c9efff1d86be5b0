#pragma once

#include "animationexport.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace losslens {

// The part of the main window that an exported animation shows.
enum class AnimationSource { Landscape, Data, Training, Window };

// The choices of File > Export animation: the part of the window and the file or folder.
struct AnimationExportRequest
{
    AnimationSource source = AnimationSource::Landscape;
    AnimationExportSettings settings;
};

// The GIF frame time for a frame rate: 100 / framesPerSecond hundredths of a second, rounded,
// and at least 2. GIF stores delays in hundredths of a second, and Firefox and Chromium show
// delays of 0 or 1 as 10, so rates above 50 frames per second would play slower, not faster.
int gifDelayCentiseconds(int framesPerSecond);

// Asks what to record (a view or the whole window) and the format (a GIF file or a folder of
// PNG frames). It also takes the number of frames, the training steps per frame, the frame
// rate and the output size, which defaults to the recorded widget's size in pixels.
class AnimationExportDialog : public QDialog
{
    Q_OBJECT

public:
    // sourceSize returns the pixel size of a source's widget, the default output size.
    AnimationExportDialog(const AnimationExportRequest &initial,
                          std::function<QSize(AnimationSource)> sourceSize,
                          QWidget *parent = nullptr);

    AnimationExportRequest request() const;

    // Accepts only a path that can be written: a .gif file in an existing folder, or a folder
    // that exists or can be created. Otherwise the reason appears under the boxes.
    void accept() override;

private:
    AnimationExportSettings::Format format() const;
    void browse();
    void onSourceChanged();
    void onFormatChanged();
    // Keeps the aspect ratio of the source when one side of the output size changes.
    void onWidthChanged(int width);
    void onHeightChanged(int height);
    void updateFrameTime();
    QString validatePath() const;

    std::function<QSize(AnimationSource)> m_sourceSize;
    QComboBox *m_source;
    QComboBox *m_format;
    QLineEdit *m_path;
    QSpinBox *m_frames;
    QSpinBox *m_stepsPerFrame;
    QSpinBox *m_framesPerSecond;
    QLabel *m_frameTime;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QCheckBox *m_keepAspect;
    QLabel *m_error;
    bool m_resizing = false;
};

} // namespace losslens
