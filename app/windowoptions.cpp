#include "windowoptions.h"

#include "csvinput.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"
#include "ui/mainwindow.h"
#include "ui/sessionfiles.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QUndoStack>

namespace losslens {

namespace {

// The session's state alone, as a file writes it, so that two states compare by their bytes.
QByteArray stateJson(MainWindow &window)
{
    SessionDocument document;
    document.state = window.model()->state();
    return sessionToJson(document);
}

// Applies the options that set data, losses and settings to the window's session.
bool applyStateOptions(MainWindow &window, const CommandLineOptions &options, QString *error)
{
    if (!options.dataPath.isEmpty() && !options.chooseColumns) {
        QTextStream errors(stderr);
        std::optional<Dataset> data = loadCommandLineDataset(
            options.dataPath, options.featureColumn, options.targetColumn, options.skipInvalidRows,
            QStringLiteral("losslens: "), errors, error);
        if (!data)
            return false;
        auto loaded = std::make_shared<Dataset>(std::move(*data));
        const QString targetColumn = loaded->targetName;
        window.setDataFromCsvFile(std::move(loaded), options.dataPath, targetColumn, QString());
    }
    if (!options.lossSpecs.isEmpty()) {
        std::vector<std::shared_ptr<const Loss>> losses;
        for (const QString &spec : options.lossSpecs)
            losses.push_back(LossCatalogue::parse(spec, error));
        window.model()->setEnabledLosses(losses);
        // A figure in which no chosen loss can be fitted would show empty views. With --data
        // but no columns, the import dialog chooses the data later, so the losses are not
        // checked against the data shown until then.
        const bool dataChosenLater = !options.dataPath.isEmpty() && options.chooseColumns;
        QStringList reasons;
        for (int i = 0; i < window.model()->lossCount(); ++i) {
            if (window.model()->lossEntry(i).enabled)
                reasons << window.model()->objective(i)->applicabilityError();
        }
        if (!dataChosenLater && reasons.removeAll(QString()) == 0) {
            *error = QCoreApplication::translate("CommandLine",
                                                 "No chosen loss can be fitted to this data: %1")
                         .arg(reasons.join(QLatin1Char(' ')));
            return false;
        }
    }
    if (options.standardize)
        window.model()->setStandardize(*options.standardize);
    if (options.learningRate)
        window.model()->setLearningRate(*options.learningRate);
    SessionModel &model = *window.model();
    if (!options.optimizerSpec.isEmpty()) {
        // The spec was checked when the command line was read.
        QString unused;
        const std::unique_ptr<Optimizer> optimizer =
            OptimizerCatalogue::parse(options.optimizerSpec, &unused);
        model.setOptimizerMethod(SessionModel::sessionOptimizer, optimizer->name());
        for (int i = 0; i < static_cast<int>(optimizer->parameters().size()); ++i) {
            model.setOptimizerParameter(SessionModel::sessionOptimizer, i,
                                        optimizer->parameterValue(i));
        }
    }
    if (!options.scheduleSpec.isEmpty())
        model.setSchedule(SessionModel::sessionOptimizer, options.scheduleSpec);
    return true;
}

} // namespace

bool applyWindowOptions(MainWindow &window, const CommandLineOptions &options, QString *error)
{
    const bool openedSession = !options.sessionPath.isEmpty();
    if (openedSession && !window.sessionFiles()->open(options.sessionPath, error))
        return false;
    const QByteArray opened = stateJson(window);
    if (!applyStateOptions(window, options, error))
        return false;
    // Settings from the command line are the starting point, not edits to undo. Clearing the
    // stack also makes it clean, so a session that the options changed is marked by hand.
    window.model()->undoStack()->clear();
    if (openedSession && stateJson(window) != opened)
        window.sessionFiles()->markModified();
    return true;
}

} // namespace losslens
