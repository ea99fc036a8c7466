using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Forewarn.Bench;

/// <summary>
/// One measured number. <see cref="Value"/> is null when the stage did not run (then <see cref="Note"/> says why):
/// the bench never prints a number it did not measure.
/// </summary>
internal sealed record Result(string Id, double? Value, string Unit, double? Baseline = null, string? BaselineName = null,
    string? Goal = null, bool? Met = null, string? Note = null)
{
    /// <summary>Value ÷ baseline, where both exist.</summary>
    public double? Ratio => Value is { } v && Baseline is { } b && b > 0 ? v / b : null;

    public static Result NotRun(string id, string unit, string reason, string? goal = null) => new(id, null, unit, Goal: goal, Note: "not run: " + reason);
}

internal sealed class Report(string mode)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Result> _results = [];

    public IReadOnlyList<Result> Results => _results;

    public void Add(Result result)
    {
        _results.Add(result);
        var value = result.Value is { } v ? $"{Format(v)} {result.Unit}" : result.Note;
        Console.WriteLine($"  {result.Id,-22} {value}");
    }

    public void AddRange(IEnumerable<Result> results)
    {
        foreach (var result in results)
        {
            Add(result);
        }
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Forewarn bench — {mode} mode, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");
        text.AppendLine();
        text.AppendLine("| id | value | unit | baseline | ratio | goal | met | note |");
        text.AppendLine("|---|---:|---|---|---:|---|---|---|");
        foreach (var r in _results)
        {
            var value = r.Value is { } v ? Format(v) : "—";
            var baseline = r.Baseline is { } b ? $"{Format(b)} ({r.BaselineName})" : "—";
            var ratio = r.Ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "—";
            var met = r.Met switch { true => "yes", false => "NO", null => "—" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Id} | {value} | {r.Unit} | {baseline} | {ratio} | {r.Goal ?? "—"} | {met} | {r.Note ?? ""} |");
        }
        return text.ToString();
    }

    public void WriteJson(string path)
    {
        var document = new
        {
            mode,
            machine = new
            {
                cores = Environment.ProcessorCount,
                os = RuntimeInformation.OSDescription,
                arch = RuntimeInformation.OSArchitecture.ToString(),
                runtime = RuntimeInformation.FrameworkDescription,
                cpu = CpuModel(),
                memoryGb = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
            },
            results = _results.Select(r => new
            {
                id = r.Id,
                value = r.Value,
                unit = r.Unit,
                baseline = r.Baseline,
                baselineName = r.BaselineName,
                ratio = r.Ratio,
                goal = r.Goal,
                met = r.Met,
                note = r.Note,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));
    }

    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string? CpuModel()
    {
        const string file = "/proc/cpuinfo";
        return File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
    }
}
