using System.Diagnostics;
using System.Globalization;
using Forewarn.Engine.Prevention;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>forewarn classifier train --data FILE.csv --out MODEL</c> and <c>forewarn classifier evaluate --model MODEL --data FILE.csv</c>:
/// the fraud-type text classifier from labelled CSV (<c>content,label</c>).
/// </summary>
public static class ClassifierCommand
{
    public static async Task<int> RunAsync(string verb, string[] args)
    {
        var options = Options(args);
        try
        {
            if (verb == "classifier train" && options.TryGetValue("data", out var data) && options.TryGetValue("out", out var output))
            {
                var rows = await ReadAsync(data);
                foreach (var (label, count) in rows.CountBy(r => r.Label).OrderByDescending(c => c.Value))
                {
                    Console.WriteLine($"{label,-24} {count,7:N0}");
                }
                var clock = Stopwatch.StartNew();
                var model = TextClassifier.Train(rows);
                await using (var stream = File.Create(output))
                {
                    model.Save(stream);
                }
                Console.WriteLine($"Trained on {rows.Count:N0} texts of {model.Labels.Count} labels in {clock.Elapsed.TotalSeconds:F1} s; model written to {output}.");
                return 0;
            }
            if (verb == "classifier evaluate" && options.TryGetValue("model", out var path) && options.TryGetValue("data", out data))
            {
                TextClassifier model;
                await using (var stream = File.OpenRead(path))
                {
                    model = TextClassifier.Load(stream);
                }
                var evaluation = TextClassifier.Evaluate(model, await ReadAsync(data));
                Console.WriteLine($"{"label",-24} {"precision",9} {"recall",9} {"F1",9} {"support",8}");
                foreach (var c in evaluation.Classes)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label,-24} {c.Precision,9:F4} {c.Recall,9:F4} {c.F1,9:F4} {c.Support,8}"));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {evaluation.Accuracy:F4} on {evaluation.Count} texts"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"macro-F1: {evaluation.MacroF1:F4}"));
                return 0;
            }
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"classifier: {e.Message}");
            return 1;
        }
        await Console.Error.WriteLineAsync("usage: forewarn classifier train --data FILE.csv --out MODEL | forewarn classifier evaluate --model MODEL --data FILE.csv");
        return 2;
    }

    /// <summary><c>--name value</c> and <c>--name=value</c>.</summary>
    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }
            var name = args[i][2..];
            if (name.Split('=', 2) is [var key, var value])
            {
                options[key] = value;
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
        }
        return options;
    }

    private static async Task<List<(string Text, string Label)>> ReadAsync(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"No such file: {file}");
        }
        await using var stream = File.OpenRead(file);
        try
        {
            return LabelledCsv.Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }
}
