using System.Text.Json;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/classifier/models</c> — the classifier's versions, newest first, with their progress and macro-F1;
/// <c>GET …/models/{version}</c> — one version with its examples per label and per-class precision, recall and F1.
/// </summary>
public static class ReadClassifier
{
    public sealed record Item(int Version, string Status, int Progress, string? Stage, string RequestedBy, DateTimeOffset RequestedAt,
        DateTimeOffset? TrainedAt, double Seconds, int TrainCount, int TestCount, double? MacroF1, double? Accuracy, string? DecidedBy,
        DateTimeOffset? DecidedAt, string? Note, string? Error);

    public sealed record Detail(Item Model, IReadOnlyList<Samples> Samples, IReadOnlyList<ClassScore> Classes);

    public sealed record Samples(string Label, string Name, int Train, int Test);

    public static async Task<Ok<List<Item>>> List(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Items(db.Set<ClassifierModel>().OrderByDescending(m => m.Version).Take(100)).ToListAsync(ct));

    public static async Task<Results<Ok<Detail>, ProblemHttpResult>> Get(int version, AppDbContext db, CancellationToken ct)
    {
        var item = await Items(db.Set<ClassifierModel>().Where(m => m.Version == version)).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return Problems.NotFound("模型版本不存在", "No such model version");
        }
        var json = await db.Set<ClassifierModel>().Where(m => m.Version == version).Select(m => new { m.SamplesJson, m.MetricsJson }).SingleAsync(ct);
        var samples = json.SamplesJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, int[]>>(json.SamplesJson)!
            .OrderByDescending(s => s.Value[0]).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Samples(s.Key, TrainClassifier.LabelName(s.Key), s.Value[0], s.Value[1])).ToList();
        var classes = json.MetricsJson is null ? [] : JsonSerializer.Deserialize<List<ClassScore>>(json.MetricsJson, JsonSerializerOptions.Web)!;
        return TypedResults.Ok(new Detail(item, samples, classes));
    }

    // Never the model bytes: a list needs none of them.
    private static IQueryable<Item> Items(IQueryable<ClassifierModel> models) => models.AsNoTracking().Select(m => new Item(m.Version, m.Status,
        m.Progress, m.Stage, m.RequestedBy, ListWarnings.Utc(m.RequestedAt), m.TrainedAt == null ? null : ListWarnings.Utc(m.TrainedAt.Value), m.Seconds,
        m.TrainCount, m.TestCount, m.MacroF1, m.Accuracy, m.DecidedBy, m.DecidedAt == null ? null : ListWarnings.Utc(m.DecidedAt.Value), m.Note, m.Error));
}
