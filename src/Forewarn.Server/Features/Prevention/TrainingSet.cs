using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// The center's own labelled texts for retraining the classifier: citizens' reports a reviewer approved (their content, labelled
/// with their fraud type) and cases with a known fraud type (title and narrative). Only the given part of the territory counts.
/// </summary>
public static class TrainingSet
{
    /// <summary>A label needs this many examples to be learned (and to keep at least one held out); rarer labels are left out.</summary>
    public const int MinPerLabel = 5;

    public sealed record Example(string Text, string Label);

    /// <summary>Examples per label, without reading the texts (they are sealed at rest).</summary>
    public static async Task<Dictionary<string, int>> CountAsync(AppDbContext db, string scopePath, CancellationToken ct)
    {
        var reports = await Reports(db, scopePath).GroupBy(r => r.FraudType!).Select(g => new { Label = g.Key, Count = g.Count() }).ToListAsync(ct);
        var cases = await Cases(db, scopePath).GroupBy(c => c.FraudType!).Select(g => new { Label = g.Key, Count = g.Count() }).ToListAsync(ct);
        return reports.Concat(cases).GroupBy(x => x.Label.Trim()).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
    }

    public static async Task<List<Example>> LoadAsync(AppDbContext db, string scopePath, CancellationToken ct)
    {
        var reports = await Reports(db, scopePath).Select(r => new { r.Content, r.FraudType }).ToListAsync(ct);
        var cases = await Cases(db, scopePath).Select(c => new { c.Title, c.Narrative, c.FraudType }).ToListAsync(ct);
        return
        [
            .. reports.Select(r => new Example(r.Content, r.FraudType!.Trim())),
            .. cases.Select(c => new Example(string.IsNullOrWhiteSpace(c.Narrative) ? c.Title : c.Title + "\n" + c.Narrative, c.FraudType!.Trim())),
        ];
    }

    /// <summary>Whether the counts are enough to train: at least two labels with <see cref="MinPerLabel"/> examples each.</summary>
    public static bool Enough(IReadOnlyDictionary<string, int> counts) => counts.Values.Count(n => n >= MinPerLabel) >= 2;

    /// <summary>
    /// Splits by label so every label is held out in proportion (at least one example each), shuffled by the seed; labels with
    /// fewer than <see cref="MinPerLabel"/> examples are dropped.
    /// </summary>
    public static (List<Example> Train, List<Example> Test) Split(IEnumerable<Example> examples, int holdOutPercent, int seed)
    {
        var random = new Random(seed);
        var train = new List<Example>();
        var test = new List<Example>();
        foreach (var group in examples.GroupBy(e => e.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            if (items.Length < MinPerLabel)
            {
                continue;
            }
            random.Shuffle(items);
            var held = Math.Clamp((int)Math.Round(items.Length * holdOutPercent / 100.0), 1, items.Length - 2);
            test.AddRange(items[..held]);
            train.AddRange(items[held..]);
        }
        return (train, test);
    }

    private static IQueryable<Public.PublicReport> Reports(AppDbContext db, string scopePath) =>
        db.PublicReports.Where(r => r.Status == "approved" && r.FraudType != null && r.FraudType != "" && r.UnitPath.StartsWith(scopePath));

    private static IQueryable<Cases.Case> Cases(AppDbContext db, string scopePath) =>
        db.Cases.Where(c => c.FraudType != null && c.FraudType != "" && c.UnitPath.StartsWith(scopePath));
}
