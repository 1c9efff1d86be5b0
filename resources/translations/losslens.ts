<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>Adam</name>
    <message>
        <location filename="../../core/optimizers/adam.cpp" line="+22"/>
        <source>Step size lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing of the running average of gradients (first moment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smoothing of the running average of squared gradients (second moment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added to the root of the second moment so the division stays finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdaptiveBarron</name>
    <message>
        <location filename="../../core/adaptivebarron.cpp" line="+50"/>
        <source>The shape range [%1, %2] and the initial shape %3 must be finite numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The minimum shape %1 is invalid: Barron&apos;s distribution needs alpha &gt;= 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The maximum shape %1 is invalid: it must be at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The shape range [%1, %2] is empty: the minimum must be below the maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The initial shape %1 must lie strictly inside (%2, %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The initial scale %1 is invalid: it must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The minimum scale %1 is invalid: it must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The initial scale %1 must be above the minimum scale %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The data set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <location filename="../../ui/autosave.cpp" line="+100"/>
        <source>Cannot create the autosave folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarronLoss</name>
    <message>
        <location filename="../../core/losses/barron.cpp" line="+15"/>
        <source>Shape: 2 is L2, 1 pseudo-Huber, 0 Cauchy, -2 Geman-McClure and -inf Welsch. Lower values give outliers less influence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scale: errors well below c are penalized quadratically, in the target&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BinaryCrossEntropy</name>
    <message>
        <location filename="../../core/losses/binarycrossentropy.cpp" line="+13"/>
        <source>Weight of the positive class&apos;s term, as PyTorch&apos;s pos_weight; above 1 it favours recall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label smoothing: the target is y (1 - smoothing) + smoothing / 2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BreakdownSweep</name>
    <message>
        <location filename="../../core/breakdownsweep.cpp" line="+35"/>
        <source>The sweep has no outlier fractions; give at least one in [0, 1].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outlier fraction %1 is out of range; it must lie in [0, 1].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed count %1 is out of range; it must lie in [1, %2].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid resolution %1 is out of range; it must lie in [2, 512].</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CauchyLoss</name>
    <message>
        <location filename="../../core/losses/cauchy.cpp" line="+13"/>
        <source>Scale: errors well below c are penalized quadratically, in the target&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../app/commandline.cpp" line="+40"/>
        <source>See loss functions, their landscapes and gradient descent on real data. Without options the window opens on the bundled stack loss data with MSE and Huber. In the window, File &gt; Export animation (Ctrl+Shift+E) records the training as an animated GIF or as PNG frames.

Subcommands, each with its own --help: losslens losses (list the losses), losslens curves (a loss&apos;s values and derivatives as CSV), losslens fit (train a line or a linear model on CSV data) and losslens landscape (the mean loss over a grid of slopes and intercepts as CSV or PNG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Print this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 It replaces the bundled stack loss data. Without --x and --y the window opens its import dialog on the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The feature column of --data, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The target or 0/1 label column of --data, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss to show, as NAME or NAME:key=value,... such as mse or huber:delta=1.5; repeat for several (default: mse and huber). Known: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open a session file (.losslens), as File &gt; Open session does; a lesson file is a session file too. The other options then change the opened session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Do not offer to recover the work that a crashed LossLens autosaved; its files stay for a later start. --screenshot never offers it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Render the main window, with the --session if one is given, to this PNG file without a display, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gradient-descent updates to apply before the screenshot, 0 to 100000 (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Window size in pixels for the screenshot, from 1000x640 to 8000x8000 (default 1500x960).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standardize the feature for training and the landscape: on (default) or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gradient-descent learning rate (default 0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optimizer of the runs, as `losslens fit` takes it, for example adam:lr=0.01 (default gd:learning_rate=0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate schedule: constant (default), step:interval=N,factor=F, exponential:factor=F or cosine:period=N,minimum=M.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1; see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unexpected argument &quot;%1&quot;; see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--data needs both --x and --y to name the feature and target columns, or neither to choose them in the import dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--screenshot writes PNG files only, so its name must end in .png, not &quot;%1&quot;. Use File &gt; Export view for SVG or PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--screenshot needs --x and --y with --data, because a screenshot opens no dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--skip-invalid needs --data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--x and --y need --data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Invalid --loss: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invalid --steps &quot;%1&quot;; give a whole number from 0 to 100000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Invalid --size &quot;%1&quot;; give WIDTHxHEIGHT with the width from 1000 to 8000 and the height from 640 to 8000 pixels, such as 1500x960.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Invalid --standardize &quot;%1&quot;; give on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Invalid --learning-rate &quot;%1&quot;; give a number in [1e-12, 1e6].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invalid --optimizer &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the learning rate either in --optimizer or with --learning-rate, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Invalid --schedule &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/csvinput.cpp" line="+23"/>
        <source>%1 Or pass --skip-invalid to leave out every row with a missing or invalid cell or the wrong number of fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Leave out the rows of --data whose chosen cells are missing or not finite numbers, or that have the wrong number of fields, and list them on standard error. Without it the first such row stops the command with exit status 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV file, separated by commas, semicolons or tabs (detected), with or without a header row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>by header name, or by 1-based number (as in a file without a header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="+42"/>
        <source>the landscape did not finish within 120 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>could not write the screenshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/windowoptions.cpp" line="+50"/>
        <source>No chosen loss can be fitted to this data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrossEntropyLoss</name>
    <message>
        <location filename="../../core/losses/crossentropy.cpp" line="+23"/>
        <source>Class weights, as PyTorch&apos;s weight; their number is the number of classes K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Label smoothing: the target of class k is (1 - smoothing) [k = y] + smoothing / K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The fixed logits of the K - 1 classes other than the true one, in class order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../../ui/csvexport.cpp" line="+89"/>
        <source>%1 cannot be fitted to this data: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The range [%1, %2] x [%3, %4] is not a finite, non-empty rectangle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The landscape computation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+4"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../../core/csvcolumns.cpp" line="+36"/>
        <source>%1 has no header and %2 columns; give a column number from 1 to %2 instead of &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no column named &quot;%2&quot;; its columns are %3. Give a header name or a column number from 1 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: columns %2 of the header are all named &quot;%3&quot;, so the name is ambiguous. Choose the column by its number (%4) instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has a header but no data rows after line %2. Add rows of numbers below the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has no data rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None of the %1 data rows of %2 can be used. The first: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+53"/>
        <location filename="../../core/csvreader.cpp" line="+137"/>
        <source>column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-51"/>
        <source>%1 in the header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in the first row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wrong number of fields, %1 in this row and %2 (%3 is %4). Give every row one value per column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>extra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>column &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: no feature column is chosen; name at least one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: the feature column &quot;%2&quot; is chosen twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2 is chosen as both a feature (x) and the target (y). Choose another column for one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, line %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, line %2, %3: %4. Fix or remove that row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+28"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>skipped %1 of %2 data rows of %3 that cannot be used:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  line %1, %2: %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  and %1 more problems
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/csvdialect.cpp" line="+250"/>
        <source>the cell is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is too large; values up to %2 in magnitude keep squared errors finite, so rescale the column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a number in this file, which writes decimal commas (1,5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a number (a decimal comma is read only in semicolon- or tab-separated files; write 1.5, not 1,5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/csvimport.cpp" line="+78"/>
        <location line="+44"/>
        <location filename="../../core/csvreader.cpp" line="+22"/>
        <source>%1: could not open the file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <location filename="../../core/csvreader.cpp" line="-38"/>
        <source>%1 is empty: expected rows of comma-, semicolon- or tab-separated numbers, usually after a header row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1: could not read the file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/csvreader.cpp" line="-23"/>
        <source>%1, line %2, %3: %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../../core/csvwriter.cpp" line="+52"/>
        <location line="+7"/>
        <source>Could not write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message>
        <location filename="../../core/dataset.cpp" line="+21"/>
        <source>a line needs at least 2 points with different values of %1, but the data has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>every row has the same %1 (%2), so the slope of a line is undetermined. Choose a feature column with at least two distinct values.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EpsilonInsensitiveLoss</name>
    <message>
        <location filename="../../core/losses/epsiloninsensitive.cpp" line="+12"/>
        <source>Half-width of the tube around the target inside which errors cost nothing, in the target&apos;s units; 0 gives the absolute error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExampleDatasets</name>
    <message>
        <location filename="../../ui/defaultdata.cpp" line="+26"/>
        <source>Stack loss (Brownlee): stack loss against air flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brownlee&apos;s stack loss data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engel: food expenditure against income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engel&apos;s food expenditure data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stars of CYG OB1: log light against log temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stars of the cluster CYG OB1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Breast cancer (Wisconsin): benign (0/1) against worst radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wisconsin breast cancer data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Iris: species code (0, 1, 2) against petal length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fisher&apos;s iris data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitCommand</name>
    <message>
        <location filename="../../app/adaptivebarronfit.cpp" line="+60"/>
        <source>--learn applies to Barron&apos;s loss only (--loss barron), whose alpha and c it learns; got %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--learn fits one feature column; give one --x, got %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--learn trains alpha with an optimizer; --optimizer minimize does not learn it. Give one such as adam:learning_rate=0.01 and --steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--learn learns c in the target&apos;s units; drop the residual scale=%1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--learn starts from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the negative log-likelihood at --start %1 is not finite; choose a start nearer the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/fitcommand.cpp" line="+47"/>
        <source>--optimizer minimize gives the minimum the solver finds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--steps is required with an optimizer; see losslens fit --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--steps must be a whole number from 0 to 100000000, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--seed applies to sgd only, whose mini-batches it shuffles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--seed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../../app/linearmodelfit.cpp" line="+150"/>
        <source>the mean loss at --start %1 is not finite (it overflows a double); choose a start nearer the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>--start must be two finite numbers W,B, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+5"/>
        <source>cannot write the trajectory %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Feature column, %1. Repeat it for several features (--x A --x B), whose weights w then follow the order given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Target column, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss spec, as losslens losses lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optimizer spec, such as adam:learning_rate=0.01 (gd, sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw), or minimize for the minimum the landscape&apos;s solver finds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate schedule: constant (default), step:interval=K,factor=G, exponential:factor=G or cosine:period=T,minimum=M.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Largest number of updates (one mini-batch each for sgd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start point W,B in the data&apos;s own units, or W1,...,Wd,B with d --x columns (default all 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed of sgd&apos;s shuffling; overrides the spec&apos;s seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on (default): train on standardized features, as the window does; off: on the raw features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write every step as CSV to FILE, in the data&apos;s own units: step,w,b,mean_loss, or step,w1,...,wd,b,mean_loss with d --x columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>shape: learn Barron&apos;s alpha with the line by minimizing the negative log-likelihood of Barron&apos;s distribution (Barron, CVPR 2019), starting from the loss&apos;s alpha inside (0.001, 1.999); shape,scale: learn c too. Needs --loss barron, one --x and an optimizer. The loss key then gives the learned alpha and c, mean_loss the mean Barron loss with them, and --trajectory adds the columns alpha,scale,negative_log_likelihood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fits the linear model y = w1 x1 + ... + wd xd + b (the line y = w x + b for one --x) to columns of a CSV file and prints one JSON object with the keys loss, optimizer, steps, w (one weight per --x), b, mean_loss and status. status is converged when an update leaves (w, b) unchanged, or moves it by at most 1e-12 (1 + |(w, b)|) while turning against the previous update, as rounding noise does at the minimum; diverged when the mean loss becomes non-finite or exceeds 1e6 times its start; max_steps otherwise. With --optimizer minimize, status is converged at the minimum of a convex loss and approximate where a non-convex loss may have a lower one; one feature may also give not_attained. With several --x, minimize uses Newton&apos;s method and exits with status 2 when it finds no minimum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1 is required; see losslens fit --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--x %1 is given twice; name each feature column once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--standardize must be on or off, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--learn must be shape or shape,scale, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/linearmodelfit.cpp" line="-42"/>
        <source>--start must be %1 finite numbers W1,...,W%2,B (one weight per --x, then the intercept), got &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 estimates its residual scale from a one-feature fit; with several --x columns give a fixed scale=S.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 has %2 data rows, but %3 feature columns and the intercept make %4 parameters; give at least %4 rows or fewer --x columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>--optimizer minimize found no minimum of %1 with %2 features: %3. Train with an optimizer instead, such as --optimizer adam:learning_rate=0.1 --steps 5000.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FocalLoss</name>
    <message>
        <location filename="../../core/losses/focal.cpp" line="+12"/>
        <source>Focusing exponent: larger values shrink the loss of well-classified samples; 0 gives weighted BCE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight of the positive class, 1 - alpha for the negative one; a negative value turns weighting off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormulaLoss</name>
    <message>
        <location filename="../../core/losses/formula.cpp" line="+46"/>
        <source>the variables are e, or z and y, and the functions are %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+10"/>
        <source>formula: the number at column %1 runs into a name; write * between them, as in 2*e.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>formula: the function %1 at column %2 needs its argument in parentheses, as in %1(e).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>formula: unknown name &quot;%1&quot; at column %2; %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>formula: unbalanced parenthesis: &quot;)&quot; at column %1 has no matching &quot;(&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>formula: unexpected character &quot;%1&quot; at column %2; only numbers, + - * / ^, parentheses and names may appear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>formula: unbalanced parenthesis: &quot;(&quot; at column %1 is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>formula: the expression is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>formula: the expression has a complex value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>formula: unexpected symbol in the expression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>formula: the expression contains something other than numbers, arithmetic and the allowed functions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>formula: the function %1 cannot be evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>formula: the expression is empty; write one in e for a regression loss or in z and y for a classification loss, as in formula:e^2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>formula: the expression uses both e, the error of a regression loss, and %1, of a classification loss; use one or the other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>formula: the expression ends too early at column %1: complete the last operation or close the last parenthesis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>formula: syntax error: %1 (position not available).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>formula: the expression is undefined: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GemanMcClureLoss</name>
    <message>
        <location filename="../../core/losses/gemanmcclure.cpp" line="+13"/>
        <source>Scale: errors well below c are penalized quadratically, in the target&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HuberLoss</name>
    <message>
        <location filename="../../core/losses/huber.cpp" line="+13"/>
        <source>Error size where the loss turns from quadratic to linear, in the target&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LandscapeCommand</name>
    <message>
        <location filename="../../app/landscapecommand.cpp" line="+88"/>
        <source>Writes the mean loss of the line y = w x + b on a G x G grid over the slope w and the intercept b, in the data&apos;s own units, as CSV with the header w,b,loss (w in the outer loop, both ends of each range included), or an image of the landscape view for an --out ending in .png.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The feature column, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The target or 0/1 label column, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss, as NAME or NAME:key=value,... such as mse or huber:delta=1.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nodes per axis, from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Slope range in the data&apos;s units, as A:B with A &lt; B. Without it, the automatic range is used and printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Intercept range in the data&apos;s units, as C:D with C &lt; D. Without it, the automatic range is used and printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Train on the standardized feature: on (default) or off. It sets the coordinates of the automatic range and of the image. The CSV values do not depend on it, except for a weight penalty such as l2(0.1), which acts on the training weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File to write: CSV, or a PNG image of the landscape view when it ends in .png. The view draws training coordinates (the slope per standard deviation of the feature and the intercept at its mean, when standardized) at its own resolution, over the smallest rectangle that contains the requested ranges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1; see losslens landscape --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unexpected argument &quot;%1&quot;; see losslens landscape --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give the CSV file to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give the feature column by header name or 1-based number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give the target column by header name or 1-based number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give one loss, such as --loss huber:delta=1.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give the number of nodes per axis, from 2 to 512.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give the CSV or .png file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--%1 is missing; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>give one --loss, not %1; the landscape shows one loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>invalid --loss: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>invalid --grid &quot;%1&quot;; give a whole number from %2 to %3 (both ends of each range are nodes, so at least 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>invalid --%1 &quot;%2&quot;; give A:B with finite numbers A &lt; B (and a finite B - A), such as -0.5:2.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>invalid --standardize &quot;%1&quot;; give on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+43"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>cannot fit %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot write %1: the folder %2 does not exist or is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the automatic range [%1, %2] x [%3, %4] is not a finite, non-empty rectangle for this data; give --w and --b.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the landscape computation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the mean loss overflows at w = %1, b = %2; choose --w and --b closer to the data&apos;s fit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LandscapeImage</name>
    <message>
        <location filename="../../app/landscapeimage.cpp" line="+120"/>
        <source>the landscape view did not compute the requested range, so %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot write the image %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <location filename="../../ui/lessonsteps.cpp" line="+103"/>
        <source>%1.current_loss: no ticked loss is named &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1.learning_rate: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1.selected_run: %2 is not a run; the step has %3 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1.hidden: &quot;%2&quot; is not a view or control; known names are %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 has no learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1.loss: no ticked loss is named &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1.learn_shape: only a run of Barron&apos;s loss learns its shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1.learn_scale: a run learns its scale only with its shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: the step has no runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 cannot be fitted to %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1.runs: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The session has no lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lesson &quot;%1&quot;, step %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineObjective</name>
    <message>
        <location filename="../../core/lineobjective.cpp" line="+31"/>
        <source>The data set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs a multi-class model; the line model fits one logit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 needs 0/1 labels, but the column &quot;%2&quot; holds other values.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinearModelMinimizer</name>
    <message>
        <location filename="../../core/linearmodelminimizer.cpp" line="+56"/>
        <source>the Hessian of the mean loss is not positive definite near the minimum, as for a loss without curvature (mae, quantile, hinge), Huber with too few errors within delta, or features that are linear combinations of each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+75"/>
        <source>the line search found no lower mean loss along the Newton direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Newton&apos;s method did not converge in %1 iterations; the mean loss may have no finite minimum, as for classes that a linear threshold separates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>the L1 penalty has a kink at every zero weight, where Newton&apos;s method has no Hessian</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinearModelObjective</name>
    <message>
        <location filename="../../core/linearmodel.cpp" line="+51"/>
        <source>The data set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No feature column is chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs a multi-class model; the linear model fits one output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 needs 0/1 labels, but the column &quot;%2&quot; contains %3 in row %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossCommands</name>
    <message>
        <location filename="../../app/losscommands.cpp" line="+51"/>
        <source>Losses, written NAME or NAME:key=value,key=value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>regression, on the error e = prediction - target; takes no label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>classification, on the logit z with a 0/1 label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>classification, on the true class&apos;s logit z; the label is the true class&apos;s index, 0 to K - 1 for K weights; drawn, never fitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>exactly %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>list of %1 separated by &apos;|&apos;, default %2, each item in [%3, %4]. %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>default %1, range [%2, %3]. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>scale: optional, default 1 (left out of the canonical form). The loss is rho(e / scale); scale=mad estimates it from the data as the median |residual| / 0.6745 at the fit it gives, as statsmodels&apos; RLM does; a fixed scale is a number in [%1, %2].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>canonical form: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>formula:EXPR  (a custom loss; everything after the colon is the expression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>EXPR is in e for a regression loss, or in the logit z and the 0/1 label y for a classification loss, as in formula:log(cosh(e)) or formula:log(1+exp(-z)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It may use numbers, + - * / ^, parentheses and abs, exp, log, sqrt, sin, cos, tan, tanh, cosh, sinh, atan; its derivatives are exact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>W1*(LOSS1) + W2*(LOSS2) + ... + l1(A) + l2(B)  (a composite loss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A weighted sum of losses of one kind, each weight in [0, 1e6], plus a penalty l1 |w| + l2 w^2 on the model&apos;s weight (never the intercept), in [0, 1e6] each; both penalties together make the elastic net. A term without a weight has weight 1, and its parentheses may be left out when its spec has no &apos;+&apos;, &apos;*&apos; or parentheses, as in mse + l2(0.1). Its parameters are weight1 .. weightK, l1 and l2. Canonical form, as in: 0.7*(huber:delta=1.5) + 0.3*(mae) + l1(0) + l2(0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>losslens curves --label sets the label of classification losses (default 1): 0 or 1 for binary losses, the true class&apos;s index for cross_entropy. Regression losses take no label; see losslens curves --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loss specification; repeat for several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First input value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last input value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of evenly spaced inputs, both ends included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label of the classification losses (default 1): 0 or 1 for binary losses; for cross_entropy, the index of the true class, 0 to K - 1 for K weights. Regression losses take no label and leave the label column empty; --label with regression losses alone is an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writes CSV with the header spec,label,x,loss,gradient,second_derivative: each loss at N evenly spaced inputs from A to B, the error e for regression losses and the logit z for classification losses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: scale=mad is estimated from data, and curves reads none; give a fixed scale such as scale=2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give at least one --loss, such as --loss huber:delta=1.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--from and --to must be finite numbers, got &quot;%1&quot; and &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--points must be a whole number from 1 to 10000000, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--label must be 0 or 1 for binary classification losses, or a class index from 0 to K - 1 for cross_entropy with K weights; got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--label %1 is invalid for %2, a binary classification loss; give 0 or 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--label %1 is not a class of %2, which has %3 classes; give a class index from 0 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--label applies to classification losses only, and every --loss given is a regression loss; leave --label out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossInfo</name>
    <message>
        <location filename="../../ui/lossinfo.cpp" line="+26"/>
        <source>ρ(e) = e²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ρ′(e) = 2e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+18"/>
        <location line="+79"/>
        <location line="+5"/>
        <location line="+4"/>
        <location line="+8"/>
        <location line="+15"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Gaussian noise: minimizing it is maximum likelihood for normal errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unbounded: the influence grows with the error, so one outlier can move the fit anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(e) = |e|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = sign(e), 0 at e = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Laplace noise; the fit follows the conditional median.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bounded: every point pulls with the same force, however far away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(e) = e²/2 for |e| &lt; δ, δ(|e| − δ/2) beyond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = e inside, δ·sign(e) outside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ: the error size where the loss turns from quadratic to linear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gaussian near the centre with Laplace tails (Huber&apos;s least favourable distribution).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bounded by δ, not redescending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(e) = e²/(2β) for |e| &lt; β, |e| − β/2 beyond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = e/β inside, sign(e) outside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β: the width of the quadratic zone; β = 0 is exactly MAE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huber&apos;s loss divided by β: Gaussian centre, Laplace tails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Bounded by 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-17"/>
        <source>ρ(e) = log cosh e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = tanh e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close to Gaussian for small errors and to Laplace for large ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounded by 1, not redescending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(e) = −τe for e &lt; 0, (1 − τ)e for e ≥ 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = −τ below, 1 − τ above, 0 at e = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>τ: the quantile fitted; under-prediction costs τ per unit, over-prediction 1 − τ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asymmetric Laplace noise; the fit follows the conditional τ-quantile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounded by max(τ, 1 − τ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(e) = max(0, |e| − ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = sign(e) outside the tube, 0 inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ε: half-width of the tube in which errors cost nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss of support vector regression (Vapnik).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ρ(e) = |α−2|/α · (((e/c)²/|α−2| + 1)^(α/2) − 1), with its limits at α = 0, 2, −∞</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ρ′(e) = (e/c²) · ((e/c)²/|α−2| + 1)^(α/2 − 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α: the shape, from MSE-like (2) through Cauchy (0) and Geman-McClure (−2) to Welsch (−∞); c: the scale of an inlier error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The negative log-likelihood of Barron&apos;s distribution family (CVPR 2019).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unbounded for α &gt; 1, bounded for α = 1, redescending for α &lt; 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(e) = log(½(e/c)² + 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = e / (c² + e²/2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>c: the scale of an inlier error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Cauchy (Lorentzian) noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redescending slowly: ψ(e) → 0 like 2/e.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(e) = 2(e/c)² / ((e/c)² + 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = 16 e c² / (e² + 4c²)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Barron&apos;s family at α = −2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redescending: far outliers lose their influence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(e) = 1 − exp(−½(e/c)²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = (e/c²) exp(−½(e/c)²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Barron&apos;s family at α = −∞.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redescending quickly: outliers beyond a few c are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(e) = (c²/6)(1 − (1 − (e/c)²)³) for |e| ≤ c, c²/6 beyond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(e) = e(1 − (e/c)²)² inside, 0 outside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>c: the rejection point; errors beyond c have no influence. 4.685 gives 95% efficiency for Gaussian noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tukey&apos;s biweight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redescending to exactly 0 beyond c.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(z, y) = −[p·t·log σ(z) + (1 − t) log(1 − σ(z))], t = y(1 − s) + s/2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ′(z) = σ(z) − y for p = 1, s = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pos_weight p: weight of the positive class; smoothing s: moves the targets towards ½.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bernoulli labels: the fit is the maximum-likelihood logistic regression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounded: |ρ′| ≤ max(p, 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(z, y) = α_t (1 − p_t)^γ · BCE(z, y), p_t = σ(z) for y = 1, 1 − σ(z) for y = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>see the curves: easy examples (p_t near 1) get almost no gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>γ: how strongly easy examples are down-weighted; α: weight of class 1 (negative turns the weighting off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-entropy re-weighted for class imbalance (Lin et al., 2017).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounded; the gradient of well-classified points vanishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(m) = max(0, 1 − m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(z) = −y′ for m ≤ 1 (as scikit-learn), else 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The support vector machine&apos;s loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bounded; points beyond the margin have none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(m) = max(0, 1 − m)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(z) = −2y′ max(0, 1 − m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A smooth version of the hinge loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unbounded for badly misclassified points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(m) = exp(−m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(z) = −y′ exp(−m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss that AdaBoost minimizes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unbounded and explosive: it overflows past a margin of about −709 (off the scale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ρ(m) = −4m for m &lt; −1, max(0, 1 − m)² otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′(z) = −4y′ below −1, −2y′ max(0, 1 − m) above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scikit-learn&apos;s modified Huber loss, robust to label noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bounded by 4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ = the expression typed above, in e (regression) or z and y (classification)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>derivatives exact, from GiNaC&apos;s symbolic differentiation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the expression itself; edit it and press Return, or pass --loss formula:EXPR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>whatever the expression implies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>depends on the expression; see the weight curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ(m) = 1 for m ≤ 0, 0 for m &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ′ = 0 everywhere (shown only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The classification error itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not usable for gradient descent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ρ(z) = −Σₖ qₖ wₖ log pₖ, p = softmax of the K logits, qₖ = (1 − s)[k = y] + s/K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ρ′(z) = C p_y − c_y, ρ″(z) = C p_y (1 − p_y), cₖ = qₖ wₖ, C = Σₖ cₖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weights w (K items, one per class); smoothing s; others: the K − 1 fixed logits of the other classes. z is the true class&apos;s logit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Categorical labels: PyTorch&apos;s cross_entropy with weight and label_smoothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bounded: |ρ′| ≤ C. The line model has one output, so this loss is drawn, not fitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;i&gt;Parameters:&lt;/i&gt; %3&lt;/p&gt;&lt;p&gt;&lt;i&gt;Noise model:&lt;/i&gt; %4&lt;/p&gt;&lt;p&gt;&lt;i&gt;Influence:&lt;/i&gt; %5&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;p&gt;&lt;i&gt;Scale of the residuals:&lt;/i&gt; with a scale s the loss is ρ(e/s), with derivatives ρ′(e/s)/s and ρ″(e/s)/s², so its parameters count in units of s. Estimated sets s = median|r| / 0.6745 of the residuals r at the fit that s itself gives, as statsmodels&apos; robust linear model does.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;li&gt;a%1 = %2: %3, %4&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>L(w, b) = (1/N) Σᵢ ρ(eᵢ) + l1 |w| + l2 w²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L(w, b) = (1/N) Σᵢ ρ(zᵢ, yᵢ) + l1 |w| + l2 w²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;ρ(%1) = Σₖ aₖ ρₖ(%1)&lt;/b&gt;, a weighted sum of %2 losses:&lt;/p&gt;&lt;ul&gt;%3&lt;/ul&gt;&lt;p&gt;The mean loss adds a penalty on the slope w: &lt;b&gt;%4&lt;/b&gt;, here with l1 = %5 and l2 = %6. It acts on the slope that training sees (the standardized feature&apos;s when the feature is standardized), never on the intercept b.&lt;/p&gt;&lt;p&gt;&lt;i&gt;Parameters:&lt;/i&gt; weight1 … weight%7 are the terms&apos; weights aₖ ≥ 0; l1 and l2 set the penalty. A term&apos;s own parameters change through the spec.&lt;/p&gt;&lt;p&gt;&lt;i&gt;Noise model:&lt;/i&gt; each term&apos;s, mixed. The penalty is a prior on w: l2 a Gaussian prior (ridge), l1 a Laplace prior (lasso), both the elastic net.&lt;/p&gt;&lt;p&gt;&lt;i&gt;Convex:&lt;/i&gt; %8.&lt;/p&gt;&lt;p&gt;&lt;i&gt;Spec:&lt;/i&gt; %9&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes, every weighted term is convex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no, a weighted term is not convex, so a minimum found may be local</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Minimizer</name>
    <message>
        <location filename="../../core/minimizer.cpp" line="+265"/>
        <source>No minimum: every label is %1, so the loss falls forever as |b| grows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No minimum: a threshold on x separates the classes, so the loss falls forever as |w| grows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Local search: the loss is not convex, so a lower minimum may exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The search for the minimum stopped before reaching its tolerance.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/trainingrecording.cpp" line="+52"/>
        <source>Recording %1 frames to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workbenchsweepview.cpp" line="+92"/>
        <source>outlier fraction (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Press Run sweep to fill this plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workbenchwindow.cpp" line="+31"/>
        <source>global (convex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>approximate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>local search (non-convex)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuantileLoss</name>
    <message>
        <location filename="../../core/losses/quantile.cpp" line="+12"/>
        <source>Quantile the fit follows: the cost per unit of under-prediction, while over-prediction costs 1 - tau; 0.5 gives the median.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <location filename="../../ui/lessonjson.cpp" line="+72"/>
        <location line="+106"/>
        <location filename="../../ui/sessionfile.cpp" line="+179"/>
        <location line="+26"/>
        <location filename="../../ui/sessionjson.cpp" line="+82"/>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-77"/>
        <source>is not a setting; known settings are %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../ui/sessionfile.cpp" line="-30"/>
        <source>must list at least one loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>must list at least one step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sessionfile.cpp" line="-41"/>
        <source>%1 is not a LossLens session: broken JSON at line %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a LossLens session: its &quot;format&quot; entry is not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: the format version is missing or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was saved by a newer LossLens (session format %2; this version reads up to %3). Open it with a newer LossLens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Cannot save %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot save %1: writing failed after %2 bytes. The file on disk is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot save %1: %2. The file on disk is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot open %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sessionjson.cpp" line="-17"/>
        <source>%1: %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+87"/>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-79"/>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a finite number of magnitude at most 1e150, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>must be a whole number from %1 to %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>must be a colour such as #1f77b4, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+6"/>
        <location line="+15"/>
        <source>is invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>must be a loss spec such as &quot;huber:delta=1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>must give two numbers for each axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>must have each minimum below its maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>must contain at least two points, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has %1 feature values but %2 targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot be fitted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/viewsettingsjson.cpp" line="+51"/>
        <source>must be &quot;automatic&quot; or an object with &quot;horizontal&quot; and &quot;vertical&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>must be one of &quot;%1&quot;, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>must be above 0 on a logarithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmoothL1Loss</name>
    <message>
        <location filename="../../core/losses/smoothl1.cpp" line="+12"/>
        <source>Error size where the loss turns from quadratic to linear, in the target&apos;s units; 0 gives the absolute error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../ui/plotsupport.cpp" line="+385"/>
        <source>diverged at step %1 (mean loss %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/runtrack.cpp" line="+21"/>
        <source>Only Barron&apos;s loss learns its shape alpha; this run fits %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot learn alpha from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TukeyLoss</name>
    <message>
        <location filename="../../core/losses/tukey.cpp" line="+12"/>
        <source>Errors larger than c, in the target&apos;s units, have no influence on the fit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewExport</name>
    <message>
        <location filename="../../ui/viewexport.cpp" line="+85"/>
        <source>Exported from LossLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot export to %1: the name must end in .png, .svg or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot export %1 × %2 pixels: each side must be from %3 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot export at %1 dots per inch: the resolution must be from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot export a PNG of %1 × %2 pixels at %3 dots per inch: the image would exceed %4 pixels per side. Lower the size or the resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cannot export %1: drawing the picture failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelschLoss</name>
    <message>
        <location filename="../../core/losses/welsch.cpp" line="+13"/>
        <source>Scale: errors well below c are penalized quadratically, in the target&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::Adagrad</name>
    <message>
        <location filename="../../core/optimizers/adagrad.cpp" line="+17"/>
        <source>Step size lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decay of the step size: lr / (1 + (t - 1) decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting value of each parameter&apos;s sum of squared gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added to the root of the sum so the division stays finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 penalty added to the gradient as weight_decay theta</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::AnimationExportDialog</name>
    <message>
        <location filename="../../ui/animationexportdialog.cpp" line="+57"/>
        <source>Keep the aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Landscape view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Animated GIF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG sequence in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The part of the window that each frame shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GIF file, or the folder that receives frame_0001.png, frame_0002.png, … (existing frames of those names are replaced).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frames to record. The first shows the runs as they are now; recording ends early when every run has stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training updates applied to every run between two frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playback rate of the GIF. GIF stores the frame time in hundredths of a second, so the rate is rounded to 100 / n.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;rames:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Training steps per frame:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames &amp;per second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output si&amp;ze:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Choose where to save the animation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a folder; give a file name ending in .gif.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a file; give a folder for the PNG frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export animation as GIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GIF images (*.gif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder for the PNG frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Each frame shows for %1 s, %2 frames per second.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::Autosave</name>
    <message>
        <location filename="../../ui/autosave.cpp" line="-15"/>
        <source>Cannot create the autosave folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::CompositeLoss</name>
    <message>
        <location filename="../../core/losses/composite.cpp" line="+88"/>
        <source>The composite loss &quot;%1&quot; has unbalanced parentheses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Term %1 of the composite loss &quot;%2&quot; is empty; join terms with &apos;+&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The penalty %1 needs a number in [0, %2], but has &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The penalty %1 is given twice in &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Term %1 of the composite loss, &quot;%2&quot;, has more than one &apos;*&apos;; write WEIGHT*(LOSS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Term %1 of the composite loss has the weight &quot;%2&quot;; a weight must be a number in [0, %3].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Term %1 of the composite loss, &quot;%2&quot;, is itself a composite; write its terms into the outer sum instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Term %1 of the composite loss: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Term %1 of the composite loss, %2, has scale=mad; inside a composite give a fixed scale, such as scale=2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Term %1 of the composite loss, %2, is a %3 loss, but term 1 is a %4 loss; a composite adds losses of one kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+1"/>
        <source>classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The composite loss &quot;%1&quot; has penalties but no loss to add them to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Weight of the term %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strength of the L1 penalty l1 |w| on the weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Strength of the L2 penalty l2 w^2 on the weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::ControlPanel</name>
    <message>
        <location filename="../../ui/controlpanel.cpp" line="+42"/>
        <source>&amp;Open CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Standardize the feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load two columns of a CSV file as feature and target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train and draw the landscape on (x − mean) / standard deviation, which makes the valley round; turn off to see the raw, ill-conditioned valley. Lines are always reported in the data&apos;s own units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Losses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The line y = w·x + b is trained by this optimizer in every run that has none of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+80"/>
        <source>bundled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 points, x = %3, y = %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>A loss in e (regression) or in z and y (classification), with + - * / ^ and abs, exp, log, sqrt, sin, cos, tan, tanh, cosh, sinh, atan. Press Return to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ρ =</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 Separate the items with &apos;|&apos;, as in 1|2|0.5, and press Return to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Appended %1 to %2 to match the new %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped %1 from the end of %2 to match the new %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has no parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Spec, as --loss takes it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::CsvImportDialog</name>
    <message>
        <location filename="../../ui/csvimportdialog.cpp" line="+38"/>
        <source>%1 (column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Import CSV — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The first rows of the file; the row labels are line numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Several x columns: the data opens in View &gt; Model slices, which fits y = w₁x₁ + … + w_d x_d + b. The main window keeps its one-feature data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Skip rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the whole file with the chosen columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, %2. Detected: %3-separated%4, %5. Change the format below if the preview looks wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source> with decimal commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no header (columns by number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The character that separates the fields of a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Separator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Decimal comma (1,5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read 1,5 as one and a half; only with a semicolon or tab separator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First row is a &amp;header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the first row&apos;s cells as column names; otherwise columns are numbered from 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The column the model predicts: a target, or a 0/1 label for the classification losses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each ticked column is a feature x with its own weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;y (target or 0/1 label):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;x (one or more):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Tick at least one x column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Cancel loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop reading; the current data stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+72"/>
        <source>%1

The current data is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Loading cancelled; the current data is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 of %2 data rows have a missing or invalid cell, or the wrong number of fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The first %1 of %2 problems are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skip them and load the other %1 rows, or fix the file and load again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No row is left to load; fix the file or choose other columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Skip 1 row and load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Skip %1 rows and load</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::CsvRecordParser</name>
    <message>
        <location filename="../../core/csvparser.cpp" line="+59"/>
        <source>could not initialize the CSV parser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <source>a quoted field in the row that starts on this line is never closed; add its closing quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>misplaced quote. A quote must enclose a whole field, and a quote inside a quoted field must be doubled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::DataPointEditor</name>
    <message>
        <location filename="../../ui/datapointeditor.cpp" line="+81"/>
        <source>Right-click a point to remove it, or press Delete to remove the highlighted point (the one under the cursor, else the last one clicked). The wheel zooms and a right drag on empty space pans. Ctrl+Z undoes each edit and Ctrl+Shift+Z redoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The targets are 0/1 labels, so edits keep them: a click on empty space adds a point with the label nearer to the click (1 at 0.5 and above, else 0), and Shift+click adds one with the other label. A drag moves a point along x only.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A click on empty space adds a point there, and a drag moves a point.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+116"/>
        <source>No point to remove: hover over a point or click one, then press Delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The data cannot be fitted yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Point %1 of %2: %3 = %4, %5 = %6. Drag to move it; right-click or Delete removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 = %2: click to add a point with label %3 here, Shift+click for label %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 = %2, %3 = %4: click to add a point here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::DataView</name>
    <message>
        <location filename="../../ui/dataview.cpp" line="+26"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Data: %1 against %2, %3 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1: y = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: P(y=1) = σ(%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: σ(%2) of the score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, diverged at step %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LandscapeView</name>
    <message>
        <location filename="../../ui/landscapeview.cpp" line="+26"/>
        <source>&amp;Logarithmic colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Colour the mean loss on a logarithmic scale, which shows the shape of deep, narrow valleys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw labelled lines of equal mean loss, at round values spaced like the colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit &amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the automatic range around the minimum and the start point (Ctrl+0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+188"/>
        <source>mean loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-172"/>
        <source>minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+164"/>
        <source>mean loss in units of 1e%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Landscape: mean %1 over (w, b)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>slope w per standard deviation of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intercept b at the mean of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>slope w (raw %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intercept b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finding the minimum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>minimum ✶ %1 at y = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(local search: the loss is not convex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>w = %1, b = %2, the line y = %3 in data units: mean loss %4. Click: start of every run; Shift+click: of the selected run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LearningRateSchedule</name>
    <message>
        <location filename="../../core/learningrateschedule.cpp" line="+42"/>
        <source>Unknown learning rate schedule &quot;%1&quot;; known schedules are constant, step:interval=K,factor=G, exponential:factor=G and cosine:period=T,minimum=M.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The schedule %1 takes no parameters, but &quot;%2&quot; was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid parameter &quot;%1&quot; for the schedule %2; it takes %3 as key=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a whole number from 1 to 1e9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number in (0, 1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number &gt;= 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schedule %1: %2=%3 is invalid; it must be %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LessonPanel</name>
    <message>
        <location filename="../../ui/lessonpanel.cpp" line="+25"/>
        <source>← &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;End lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Apply the previous step again, exactly as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the lesson and keep exploring the current session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No lesson is open. Choose one in the Lessons menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::ListParameterEditor</name>
    <message>
        <location filename="../../ui/listparametereditor.cpp" line="+21"/>
        <source>%1 is empty; give its items separated by &apos;|&apos;, as in 1|2|0.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Item %1 of %2 is empty; write one number between each pair of &apos;|&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item %1 of %2 is &quot;%3&quot;, which is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LossCatalogue</name>
    <message>
        <location filename="../../core/losscatalogue.cpp" line="+54"/>
        <source>%1: scale=%2 is not valid; the scale must be mad (estimated from the residuals) or a number in [%3, %4].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <source>%1: %2=%3 is out of range; it must lie in [%4, %5].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>exactly %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 needs %3 items, separated by &apos;|&apos;, but has %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: item %2 of %3 is %4, which is out of range; every item must be a finite number in [%5, %6].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unknown loss &quot;%1&quot;; known losses are %2, formula:EXPR for a custom loss, and sums such as 0.5*(mae) + 0.5*(mse) + l2(0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Invalid loss parameter &quot;%1&quot; in &quot;%2&quot;; write it as key=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The parameter %1 is given twice in &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The loss %1 takes no parameters, but &quot;%2&quot; was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown parameter &quot;%1&quot; for the loss %2; it takes %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: item %2 of %3 is &quot;%4&quot;, which is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: the value of %2 is &quot;%3&quot;, which is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LossCurveView</name>
    <message>
        <location filename="../../ui/losscurveview.cpp" line="+34"/>
        <source>ρ′</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ″</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight ψ/e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show the first derivative, the gradient of the loss (dashed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the second derivative, the curvature of the loss (dotted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the weight ψ(e)/e that iteratively reweighted least squares gives a point with error e, scaled to tend to 1 at e = 0 (dash-dotted; regression losses only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>logit, label 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logit, label 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+210"/>
        <source>margin y′z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-208"/>
        <source>Input of the binary classification curves: the logit z for a point of label 1 or 0, or the margin y′z with y′ = 2y − 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true class </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>True class y of the cross-entropy curves, 0 to K − 1. The input is that class&apos;s logit z; the other classes&apos; logits stay at the loss&apos;s others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loss curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss ρ and its derivatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+184"/>
        <source>logit z, label %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>logit z of the true class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>error e = prediction − target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error e (classifiers: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: no class %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>run %1 learned: alpha = %2, c = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+85"/>
        <source>%1 %2, ρ′ %3, ρ″ %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LossListEditor</name>
    <message>
        <location filename="../../ui/losslisteditor.cpp" line="+37"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a loss: huber:delta=2, 0.5*(mse) + l2(0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tick the losses to fit; select one to edit its parameters and draw its landscape. Delete removes a loss that you added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove the selected loss (Delete). Only losses that you added can be removed; the catalogue&apos;s stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Added as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs a multi-class model; the line model fits one logit, so this loss is drawn but not fitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs 0/1 labels; the current target has other values, so this loss is drawn but not fitted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::LossSpecEntry</name>
    <message>
        <location filename="../../ui/lossspecentry.cpp" line="+34"/>
        <source>A loss as --loss takes it: NAME or NAME:key=value,... such as huber:delta=2 or huber:scale=mad; formula:EXPR for a custom loss; or a composite, terms joined by &apos;+&apos; with optional weights and penalties on the slope w, such as 0.5*(huber:delta=1) + 0.5*(mae) + l2(0.1). Press Return to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The loss spec is empty. Type one such as huber:delta=2 or 0.5*(mse) + 0.5*(mae) + l2(0.1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="+76"/>
        <source>Controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Computing the landscape…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>updates %1 µs per frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updates %1 ms per frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 frames/s, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open e&amp;xample data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New synthetic data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;data as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export animation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fit landscape view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Model slices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Robustness workbench…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset the &amp;layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About LossLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <location line="+34"/>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Open CSV data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+49"/>
        <location filename="../../ui/mainwindowfiles.cpp" line="+118"/>
        <location line="+28"/>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+49"/>
        <source>%1

The current data is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-40"/>
        <source>, skipped %1 rows with invalid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loaded %1 rows from %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opened %1 rows of %2 in Model slices%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New synthetic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded %1 rows: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>1 frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote %1 to %2; every run had stopped at step %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrote %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export cancelled after %1; %2 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export cancelled after %1, which are in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot export the animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About LossLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;LossLens&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;See loss functions: their curves and derivatives, the landscape of the mean loss over a line&apos;s slope and intercept, and gradient descent moving across it.&lt;/p&gt;&lt;p&gt;Bundled data: Brownlee&apos;s stack loss (1965), public domain.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/mainwindowappearance.cpp" line="+37"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>F&amp;ocus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/mainwindowlessons.cpp" line="+49"/>
        <source>&amp;Landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/mainwindowlessons.cpp" line="+2"/>
        <source>Loss &amp;curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/mainwindowfiles.cpp" line="-95"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session %1 has changes that are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save them before the session closes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open &amp;session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save session &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xport view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export as &amp;CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loss curves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;andscape…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trajectories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1[*] — LossLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 does not exist any more, so it leaves the recent files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LossLens sessions (*.losslens);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+49"/>
        <location filename="../../ui/mainwindowlessons.cpp" line="+112"/>
        <source>%1

The current session is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Opened the session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save session as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LossLens sessions (*.losslens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved the session to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot recover the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recovered an unsaved session; save it to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LossLens did not close normally. It autosaved a session at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recover opens it as an unsaved session. Discard deletes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recover opens it as an unsaved session and keeps 1 older copy for the next start. Discard deletes both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recover opens it as an unsaved session and keeps %1 older copies for the next start. Discard deletes all %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Opened only %1 of the %2 dropped files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Cannot export the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export loss curves as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <location line="+18"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Cannot export the loss curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote the loss curves to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the landscape as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot export the landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote the landscape to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the trajectories as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot export the trajectories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote the trajectories to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/mainwindowlessons.cpp" line="-113"/>
        <source>&amp;Data view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Training curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;ontrols dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Data &amp;source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss l&amp;ist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss &amp;parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page about the &amp;loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Play&amp;back bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Start page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 is a session without a lesson; open it with File &gt; Open session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the lesson %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lesson: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::NumberBox</name>
    <message>
        <location filename="../../ui/numberbox.cpp" line="+100"/>
        <source>[%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is out of range; the value must lie in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a number; give a value in %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::OptimizerCatalogue</name>
    <message>
        <location filename="../../core/optimizercatalogue.cpp" line="+62"/>
        <source>%1: %2=%3 is invalid; it must be %4 in [%5, %6].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unknown optimizer &quot;%1&quot;; known optimizers are %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Invalid optimizer parameter &quot;%1&quot; for %2; it takes %3 as key=value (lr and eps also name learning_rate and epsilon).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The parameter %1 is given twice in &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: the value of %2 is &quot;%3&quot;, which is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::OptimizerPanel</name>
    <message>
        <location filename="../../ui/optimizerpanel.cpp" line="+36"/>
        <source>θ ← θ − lr g, with g on all the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>θ ← θ − lr g, with g on a mini-batch of batch_size samples, reshuffled each epoch from seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>v ← μ v + g,  θ ← θ − lr v</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>v ← μ v + g,  θ ← θ − lr (g + μ v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s ← s + g²,  θ ← θ − lr g / (√s + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s ← α s + (1 − α) g²,  θ ← θ − lr g / (√s + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  θ ← θ − lr mₜ / (√vₜ + ε) with the bias-corrected mₜ = m / (1 − β₁ᵗ) and vₜ = v / (1 − β₂ᵗ) at step t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adam, with θ ← θ (1 − lr weight_decay) before each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The update rule, as torch.optim computes it. Switching keeps the learning rate; the other hyperparameters take PyTorch&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step (StepLR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exponential (ExponentialLR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cosine (CosineAnnealingLR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the learning rate changes from step to step, as PyTorch&apos;s schedulers compute it: step multiplies it by factor every interval steps, exponential by factor every step, and cosine follows a half cosine from the learning rate down to minimum over period steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps between two multiplications by factor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Factor in (0, 1] that multiplies the learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps from the learning rate down to minimum (T_max).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lowest learning rate of the cosine schedule (eta_min).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>S&amp;chedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+103"/>
        <source>The update of each step, with g = gradient + weight_decay θ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::ParameterSlider</name>
    <message>
        <location filename="../../ui/parameterslider.cpp" line="+40"/>
        <source>Reset to the default, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source> The leftmost position is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> The rightmost position is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::PlaybackBar</name>
    <message>
        <location filename="../../ui/playbackbar.cpp" line="+16"/>
        <source>Playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Train every run, each with its optimizer (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply one update to every run (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start every run over from the start point (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updates applied to each run per animation frame, at about 60 frames per second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Playback stops when the runs reach this step. A lower limit recomputes runs that are past it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source> Speed </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source> Steps per frame </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Limit </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source> Step limit </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source> stopped: zero gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, alpha = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::PresentationMode</name>
    <message>
        <location filename="../../ui/presentation.cpp" line="+19"/>
        <source>&amp;Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full screen with larger text, thicker lines and colour-blind-safe colours, for a projector (F11)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::RecentFiles</name>
    <message>
        <location filename="../../ui/recentfiles.cpp" line="+78"/>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Clear the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::ResidualScaleEditor</name>
    <message>
        <location filename="../../ui/residualscaleeditor.cpp" line="+19"/>
        <source>Scale of the &amp;residuals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss is evaluated at e / s, so its parameters are in units of s rather than of the data. Estimated sets s = median(|residual|) / 0.6745 at the fit that s itself gives, as statsmodels&apos; robust linear model does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated (MAD / %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>s, in the target&apos;s units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed scale s of the residuals. The slider covers 0.001 to 1000; the box takes any value in [%1, %2].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>s = %1, estimated from the current fit&apos;s residuals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not estimated: the data need at least 2 points; s = 1 is used meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::RmsProp</name>
    <message>
        <location filename="../../core/optimizers/rmsprop.cpp" line="+17"/>
        <source>Step size lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smoothing of the running average of squared gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added to the root of the average so the division stays finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the previous step kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 penalty added to the gradient as weight_decay theta</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::RunArrows</name>
    <message>
        <location filename="../../ui/runarrows.cpp" line="+34"/>
        <source>Arrows: selected run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrows: every run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No arrows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arrows at a run&apos;s current point: its next step in the run&apos;s colour, the gradient step −lr·∇L (solid black) and −lr·v for an optimizer with a velocity (dashed), all magnified by the factor the legend gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+100"/>
        <source>arrows ×%1: next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−lr·∇L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−lr·v (velocity)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::RunListEditor</name>
    <message>
        <location filename="../../ui/runlisteditor.cpp" line="+42"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Own &amp;optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn shape (alpha)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn scale (c)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the shared start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each run fits a loss with an optimizer from a start point, in its own colour. Select one to edit it, make its loss current and draw its arrows on the landscape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add a run of the current loss with the shared optimizer and start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a copy of the selected run in a new colour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The loss the selected run fits; choosing one ticks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the colour of the selected run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learn Barron&apos;s shape alpha with the line by minimizing the negative log-likelihood of Barron&apos;s distribution (Barron, CVPR 2019). alpha starts at the loss&apos;s value and stays inside (0.001, 1.999).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learn Barron&apos;s scale c too, in the target&apos;s units, starting at the loss&apos;s c.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Train the selected run with its own optimizer, set below, instead of the shared one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shift+click or Shift+drag on the landscape sets the selected run&apos;s start; a plain click sets the start of every run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the selected run at the shared start point again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source> · own start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Its loss is hidden: tick %1 in the loss list to train this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Run %1 starts at its own point, the line y = %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 starts at the shared point, the line y = %2. Shift+click on the landscape gives it its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Colour of run %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::RunPaths</name>
    <message>
        <location filename="../../ui/runpaths.cpp" line="+92"/>
        <source>%1 (diverged at step %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SessionFiles</name>
    <message>
        <location filename="../../ui/sessionfiles.cpp" line="+24"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SessionModel</name>
    <message>
        <location filename="../../ui/sessionmodel.cpp" line="+286"/>
        <source>%1 = %2 is out of range; values must be finite and at most %3 in magnitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot add the point: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot add the point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot move point %1: the data has %2 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot move point %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot move point %1 there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot remove point %1: the data has %2 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot remove point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a line needs at least 2 points, and %1 would be left. Add a point first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every point would have %1 = %2, so the slope of a line would be undetermined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose losses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+16"/>
        <source>Set %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 takes no residual scale; only robust regression losses such as huber do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: the scale %2 is out of range; a fixed scale must lie in [%3, %4].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set %1 scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Standardize feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use raw feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Move start point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sessionruns.cpp" line="+99"/>
        <source>%1 · %2, lr %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run %1&apos;s optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+22"/>
        <location line="+21"/>
        <source>Run %1 has no optimizer of its own to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Unknown optimizer &quot;%1&quot;; known optimizers are %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 has no parameter %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set the schedule of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add a run of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Duplicate run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Fit %1 in run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give run %1 its own optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train run %1 with the session&apos;s optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hold alpha of run %1 fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn alpha and c of run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn alpha of run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Colour run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move the start of run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start run %1 at the shared start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SliceControls</name>
    <message>
        <location filename="../../ui/slicecontrols.cpp" line="+57"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read another CSV file with a header row; every chosen column must hold numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each ticked column gets its own weight in the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model and training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y = w·x + b with one weight per feature; full-batch gradient descent from w = 0, b = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A loss specification such as mse, huber:delta=1.5 or bce; applied on Return or when the box loses the focus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Loss:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Standardize the features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train on (x − mean) / sd of each feature, as the main window does; raw features far from 0 make a long, narrow valley.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Step size: each update moves theta by the learning rate times the negative gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning &amp;rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number of gradient-descent updates; the run stops earlier when it diverges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;teps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Two parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two parameters: vary two entries of theta and hold the others. Random directions: a plane along two random directions, each scaled to the norm of the weights and of the intercept (Li et al. 2018).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;x axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;y axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seed of the random directions; the same seed gives the same plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;hrough:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+100"/>
        <source>%1 The slices still show %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SliceHeatMap</name>
    <message>
        <location filename="../../ui/sliceheatmap.cpp" line="+43"/>
        <source>&amp;Logarithmic colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit &amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Colour the mean loss on a logarithmic scale, which shows the shape of deep, narrow valleys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw labelled lines of equal mean loss, at round values spaced like the colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore the automatic range around the through-point and the training path (Ctrl+0). The wheel zooms and a right drag pans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>mean loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+221"/>
        <source>training path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-215"/>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>end of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+86"/>
        <source>%1 per standard deviation of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 at the features&apos; means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the end of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the start of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean %1 over two parameters through %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean %1 along two random directions through %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direction 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>direction 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: mean loss %1 at the start ○, %2 at the end ●</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; diverged at step %1 (mean loss %2), so the end is the last finite point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; converged: the last update changed nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; the mean loss overflows everywhere on this slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (coarse grid, refining…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>training path, projected onto the plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The path is drawn by its values of the two parameters. Along it the other parameters differ from the through-point&apos;s values by up to %1 (Euclidean norm), while the colours under it show the loss with them held there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The path&apos;s points lie off the plane in general, so each is drawn at its least-squares projection onto the plane. The farthest lies %1 from it, and the colours under the path show the loss on the plane, not the path&apos;s own loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 = %2, %3 = %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>direction 1 = %1, direction 2 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: mean loss %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SliceProfileView</name>
    <message>
        <location filename="../../ui/sliceprofileview.cpp" line="+19"/>
        <source>Lo&amp;garithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the mean loss on a logarithmic axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Mean loss on the line from the start to the end of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t, the point (1 − t)·start + t·end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mean loss on the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>start (t = 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>end of training (t = 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>t = 0: mean loss %1 at the start; t = 1: mean loss %2 at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>t = %1: mean loss %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SliceWindow</name>
    <message>
        <location filename="../../ui/slicewindow.cpp" line="+40"/>
        <source>LossLens — Model slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Bundled stack loss data (Brownlee 1965), %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 The plots still show the previous data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open CSV data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source> The plots still show the last valid settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 estimates its residual scale from the data (scale=mad), which LossLens does for the one-feature line only. Give a fixed scale, such as scale=2, for a model with several features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::StartPage</name>
    <message>
        <location filename="../../ui/startpage.cpp" line="+23"/>
        <source>Start the &amp;lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start &amp;exploring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show this page when LossLens starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welcome to LossLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p&gt;&lt;b&gt;Lessons&lt;/b&gt; walk through one idea in a few steps: each step sets the data, the losses and the optimizer, and a panel on the right explains what to look at. &lt;b&gt;Start exploring&lt;/b&gt; opens Brownlee&apos;s stack loss data with MSE and Huber.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::StochasticGradientDescent</name>
    <message>
        <location filename="../../core/optimizers/sgd.cpp" line="+41"/>
        <source>Gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nesterov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Step size lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share mu of the previous velocity kept in each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Samples in each mini-batch (one update per mini-batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed of the shuffling of the samples each epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L2 penalty added to the gradient as weight_decay theta</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SyntheticDialog</name>
    <message>
        <location filename="../../ui/syntheticdialog.cpp" line="+92"/>
        <source>New synthetic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The kind of data: a noisy line with one kind of trouble, or two classes with 0/1 labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of points, from 2 to 10000000; a typed fraction is rounded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Slope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slope of the true line y = slope x + intercept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Intercept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intercept of the true line y = slope x + intercept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Noise deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation of the Gaussian noise; for Student&apos;s t noise its scale, and for noise growing with |x| its deviation a at x = 0. At least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Feature &amp;from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower end of the uniform range of x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature &amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper end of the uniform range of x; greater than the lower end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Outlier fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the points, from 0 to 1, made outliers: round(fraction × points) of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outlier si&amp;ze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added to the target of a vertical outlier; for a leverage point, its target&apos;s offset from the true line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Leverage shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far leverage points move right in x, in feature ranges (feature to − feature from). Greater than 0, at most 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Degrees of freedom ν</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degrees of freedom of Student&apos;s t noise, from 1 (Cauchy) to 1000 (nearly Gaussian). The variance is scale² ν / (ν − 2) for ν &gt; 2 and not finite below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Noise &amp;growth b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The noise&apos;s deviation is a + b |x|, a being the noise deviation. At least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class &amp;separation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance between the two class means in class deviations, from 0 (the classes coincide) to 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Class de&amp;viation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation of x within each class; greater than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Imbalance ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points of label 0 per point of label 1, from 0.001 to 1000; 1 balances the classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La&amp;bel noise rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of labels flipped at random, from 0 to 0.5: round(rate × points) of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same seed and settings give the same data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;cenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::SyntheticPreview</name>
    <message>
        <location filename="../../ui/syntheticpreview.cpp" line="+46"/>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No preview above %1 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 points; dashed: the true line y = %2 x %3 %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 points of label 0 (blue) and %2 of label 1 (orange), after label noise.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::TrainingController</name>
    <message>
        <location filename="../../ui/trainingcontroller.cpp" line="+96"/>
        <source>No run to train: tick a loss that can be fitted to the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped at step limit %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every run has stopped: each one converged or diverged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::TrainingView</name>
    <message>
        <location filename="../../ui/trainingview.cpp" line="+21"/>
        <source>Lo&amp;garithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the mean loss on a logarithmic axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned alpha (dashed), c (dotted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+116"/>
        <source>alpha of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>c of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: diverged at step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, zero gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, alpha = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, c = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The mean loss reaches %1, beyond the largest value the axis can show (1e249), so the curves are cut off at the top. Scale the data down to see them whole.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::ViewExportDialog</name>
    <message>
        <location filename="../../ui/viewexportdialog.cpp" line="+44"/>
        <location line="+107"/>
        <source>Export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Landscape view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The suffix chooses the format: .png, .svg or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>96 dpi writes one image pixel per screen pixel; 192 doubles every side of a PNG. SVG and PDF stay vector graphics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Give the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no .png, .svg or .pdf suffix, which chooses the format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>PNG of %1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SVG drawing; plots stay vector graphics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF page; plots stay vector graphics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the file a .png, .svg or .pdf suffix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::WeightPlot</name>
    <message>
        <location filename="../../ui/workbenchweightplots.cpp" line="+80"/>
        <source>w = ψ(e)/e ÷ ρ&apos;&apos;(0), 1 at e = 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ψ(e)/e is unbounded or 0 at e = 0: w is relative to its value at |e| = r = %1 and clipped to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weights above 1 (largest %1) are drawn as 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n of %1 points have w &lt; 0.1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losslens::WeightPlotGrid</name>
    <message>
        <location line="+31"/>
        <source>weight w(e) = ψ(e)/e, normalized: pale at 0 (the loss ignores the point), dark at 1 (full weight)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losslens::WorkbenchSweepView</name>
    <message>
        <location filename="../../ui/workbenchsweepview.cpp" line="-41"/>
        <source>the box is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; give a whole number from %2 to %3. The box keeps %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;Run sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mean |slope − true slope|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean |intercept − true intercept|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Breakdown sweep&lt;/b&gt;: each loss fitted to synthetic lines y = %1 x + %2 + noise, x in [%3, %4], with a growing share of points moved up by the outlier size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Points in each synthetic data set, from 10 to 100000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data sets per outlier fraction, from 1 to 100, with seeds 1, 2, …; the errors are their mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step between outlier fractions, from 1 to 25 percent; the fractions run from 0 to 50 percent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How far each outlier is moved up, in the target&apos;s units, from -1000 to 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Standard deviation of the Gaussian noise on every point, from 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fraction step (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+83"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+82"/>
        <source>Seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Outlier size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Fitting %n losses…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sweep cancelled; the plots show the last finished sweep, if any.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%1 outlier fractions × %2 seeds × %n losses, %3 points each.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losslens::WorkbenchWindow</name>
    <message>
        <location filename="../../ui/workbenchwindow.cpp" line="+10"/>
        <source>LossLens — Robustness workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Intercept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean loss at minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Fits on the current data&lt;/b&gt;: each ticked regression loss with its current parameters, at the minimum the landscape view marks; slope and intercept in the data&apos;s units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not fitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tick one or more regression losses in the main window to compare their fits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fitting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
