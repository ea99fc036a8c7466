using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Forewarn.Engine.Prevention;

/// <summary>
/// A fraud-type text classifier trained from labelled text (ML.NET): character 1–4-grams, which need no Chinese word
/// segmenter, plus word 1–2-grams of the Latin words, each TF-IDF weighted and L2-normalised; a maximum-entropy (softmax,
/// L-BFGS) model and one-versus-all linear SVMs with Platt-calibrated probabilities, whose averaged class probabilities are
/// the prediction and its confidence. Classes are weighted inversely to their frequency.
/// Labels are free text: each distinct label is a class. The features are computed once and cached, so training on
/// ten thousand texts takes seconds. Training is single-threaded so that one seed always gives the same model.
/// <see cref="Predict"/> is thread-safe.
/// </summary>
public sealed partial class TextClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly PredictionEngine<Row, Output> engine;
    private readonly Lock gate = new();

    private TextClassifier(MLContext ml, ITransformer model)
    {
        this.ml = ml;
        this.model = model;
        engine = ml.Model.CreatePredictionEngine<Row, Output>(model);
        var slots = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema[nameof(Output.Score)].GetSlotNames(ref slots);
        Labels = [.. slots.DenseValues().Select(s => s.ToString())];
    }

    /// <summary>The labels the model knows, in the order of its scores.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Trains a classifier. Needs at least two distinct labels; texts may be empty, labels may not.</summary>
    /// <param name="data">Labelled texts.</param>
    /// <param name="seed">The same seed and data give the same model.</param>
    /// <param name="progress">Told the share of the work done (0–1) after each step.</param>
    /// <exception cref="ArgumentException">No data, a blank label, or fewer than two labels.</exception>
    public static TextClassifier Train(IEnumerable<(string Text, string Label)> data, int seed = 1, IProgress<double>? progress = null)
    {
        var rows = data.Select(d => string.IsNullOrWhiteSpace(d.Label)
                ? throw new ArgumentException("Every example needs a label; one has none.", nameof(data))
                : Row.Of(d.Text, d.Label.Trim()))
            .ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException("No training data: give labelled texts of at least two labels.", nameof(data));
        }
        var counts = rows.CountBy(r => r.Label).ToDictionary();
        if (counts.Count < 2)
        {
            throw new ArgumentException($"Training needs at least two labels; the data has only '{counts.Keys.Single()}'.", nameof(data));
        }
        // Balanced class weights (n / (k · n_c)), so that a rare type is not drowned by the common ones.
        foreach (var row in rows)
        {
            row.Weight = (float)(rows.Count / ((double)counts.Count * counts[row.Label]));
        }

        var ml = new MLContext(seed);
        var view = ml.Data.LoadFromEnumerable(rows);
        var featurizer = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Chars", Featurizer(chars: true), nameof(Row.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("Words", Featurizer(chars: false), nameof(Row.Latin)))
            .Append(ml.Transforms.Concatenate("Features", "Chars", "Words"))
            .Fit(view);
        // Without the cache every pass of the trainers would tokenise and count all n-grams again (ten times slower).
        var features = ml.Data.Cache(featurizer.Transform(view));
        progress?.Report(0.2);
        // Two linear models on the same features, their probabilities averaged. Maximum entropy alone did best on the
        // English SMS; one-versus-all linear SVMs (Platt-calibrated) carried over better to hand-written Chinese narratives
        // unlike the training texts; the average kept both (see tests/…/Prevention/data/README.md for the numbers).
        var maxEnt = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = nameof(Row.Weight),
            L1Regularization = 0,
            L2Regularization = 0.01f,
            // The held-out scores were the same as at the default 1e-7, in fewer passes.
            OptimizationTolerance = 1e-5f,
            NumberOfThreads = 1,
        }).Fit(features);
        var kept = ml.Transforms.CopyColumns(nameof(Output.MaxEntScore), nameof(Output.Score)).Fit(maxEnt.Transform(features));
        progress?.Report(0.55);
        var svm = ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfIterations = 20,
            }),
            labelColumnName: nameof(Row.Label), useProbabilities: true).Fit(kept.Transform(maxEnt.Transform(features)));
        progress?.Report(0.9);
        var scored = svm.Transform(kept.Transform(maxEnt.Transform(features)));
        var labels = ml.Transforms.Conversion.MapKeyToValue(nameof(Output.PredictedLabel)).Fit(scored);
        var model = featurizer.Append<ITransformer>(maxEnt).Append<ITransformer>(kept).Append<ITransformer>(svm).Append<ITransformer>(labels);
        progress?.Report(1);
        return new TextClassifier(ml, model);
    }

    private static TextFeaturizingEstimator.Options Featurizer(bool chars) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
        CharFeatureExtractor = chars
            ? new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf }
            : null,
        WordFeatureExtractor = chars
            ? null
            : new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
    };

    /// <summary>The most probable label, its probability, and the probability of every label (they sum to 1).</summary>
    public (string Label, double Confidence, IReadOnlyDictionary<string, double> Scores) Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Output output;
        lock (gate)
        {
            output = engine.Predict(Row.Of(text, ""));
        }
        // Each model's probabilities, normalised (the calibrated one-versus-all ones need not sum to 1), then averaged.
        var (svm, maxEnt) = (Math.Max(output.Score.Sum(), 1e-9f), Math.Max(output.MaxEntScore.Sum(), 1e-9f));
        var scores = new Dictionary<string, double>(Labels.Count);
        for (var i = 0; i < Labels.Count; i++)
        {
            scores[Labels[i]] = (output.Score[i] / (double)svm + output.MaxEntScore[i] / (double)maxEnt) / 2;
        }
        var best = scores.MaxBy(s => s.Value).Key;
        return (best, scores[best], scores);
    }

    /// <summary>Writes the model (an ML.NET model zip) to the stream, which stays open.</summary>
    public void Save(Stream stream)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<Row>(), schema).Schema, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold such a model.</exception>
    public static TextClassifier Load(Stream stream)
    {
        var ml = new MLContext();
        try
        {
            return new TextClassifier(ml, ml.Model.Load(stream, out _));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"Not a text-classifier model: {e.Message}", e);
        }
    }

    /// <summary>Per-class precision, recall, F1 and support on labelled data, and their macro average.</summary>
    public static Evaluation Evaluate(TextClassifier model, IEnumerable<(string Text, string Label)> data)
    {
        ArgumentNullException.ThrowIfNull(model);
        var pairs = data.Select(d => (Truth: d.Label.Trim(), Predicted: model.Predict(d.Text).Label)).ToList();
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No evaluation data.", nameof(data));
        }
        var classes = pairs.Select(p => p.Truth).Concat(pairs.Select(p => p.Predicted)).Distinct().Order(StringComparer.Ordinal)
            .Select(label =>
            {
                var tp = pairs.Count(p => p.Truth == label && p.Predicted == label);
                var predicted = pairs.Count(p => p.Predicted == label);
                var support = pairs.Count(p => p.Truth == label);
                var precision = predicted == 0 ? 0 : (double)tp / predicted;
                var recall = support == 0 ? 0 : (double)tp / support;
                var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                return new ClassScore(label, precision, recall, f1, support);
            })
            .ToList();
        return new Evaluation(classes, classes.Average(c => c.F1), (double)pairs.Count(p => p.Truth == p.Predicted) / pairs.Count, pairs.Count);
    }

    /// <summary>
    /// What the model sees: Unicode-compatibility form (full-width → half-width), lower case, links, e-mail addresses and
    /// phone-like numbers (seven digits or more) each as one token, other digit runs as one 0 (amounts vary, their presence
    /// matters); plus, for word n-grams, the text without its CJK characters.
    /// </summary>
    internal static (string Text, string Latin) Prepare(string text)
    {
        var normal = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        normal = Link().Replace(normal, " http ");
        normal = Mail().Replace(normal, " mail ");
        normal = Phone().Replace(normal, " tel ");
        normal = Digits().Replace(normal, "0");
        // The constant first word keeps the word dictionary non-empty for all-Chinese data; TF-IDF gives it weight 0.
        return (normal, "xxbos " + Cjk().Replace(normal, " "));
    }

    // Only the characters a link may hold: a link written straight before Chinese text ends where the Chinese begins.
    [GeneratedRegex(@"(https?://|www\.)[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")]
    private static partial Regex Link();

    [GeneratedRegex(@"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+")]
    private static partial Regex Mail();

    [GeneratedRegex(@"\+?\d[\d -]{5,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}]+")]
    private static partial Regex Cjk();

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Latin { get; set; } = "";
        public string Label { get; set; } = "";
        public float Weight { get; set; } = 1;

        public static Row Of(string text, string label)
        {
            var (normal, latin) = Prepare(text ?? "");
            return new Row { Text = normal, Latin = latin, Label = label };
        }
    }

    private sealed class Output
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
        public float[] MaxEntScore { get; set; } = [];
    }
}

/// <summary>Precision, recall and F1 of one class, and how many examples truly belong to it.</summary>
public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>The result of <see cref="TextClassifier.Evaluate"/>: per-class scores, their macro-averaged F1, accuracy, and the count.</summary>
public sealed record Evaluation(IReadOnlyList<ClassScore> Classes, double MacroF1, double Accuracy, int Count);
