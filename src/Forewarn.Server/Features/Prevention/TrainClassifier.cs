using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/classifier/models</c> <c>{ "holdOutPercent": 20, "note"? }</c> — retrains the fraud-type classifier from
/// the center's own confirmed reports and cases in the caller's territory (<see cref="TrainingSet"/>). The training runs in the
/// background (<see cref="ClassifierTrainer"/>); the answer is the new version, queued. <c>GET …/training-set</c> shows what it
/// would learn from.
/// </summary>
public static class TrainClassifier
{
    public sealed record Request(int? HoldOutPercent, string? Note);

    public sealed record Response(int Version, string Status);

    public sealed record SetResponse(int Total, bool Enough, int MinPerLabel, IReadOnlyList<LabelCount> Labels);

    public sealed record LabelCount(string Label, string Name, int Count, bool Used);

    public static async Task<Results<Accepted<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, ClaimsPrincipal user,
        ClassifierTrainer trainer, TimeProvider clock, CancellationToken ct)
    {
        if (request.HoldOutPercent is not (>= 10 and <= 50))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["holdOutPercent"] = [L.T("留出比例应为 10 到 50（百分比）", "holdOutPercent must be 10 to 50 (per cent)")],
            });
        }
        if (request.Note?.Length > 500)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["note"] = [L.T("备注不超过500字", "note: at most 500 characters")] });
        }
        var counts = await TrainingSet.CountAsync(db, db.ScopePath, ct);
        if (!TrainingSet.Enough(counts))
        {
            return Problems.BadRequest(
                $"训练数据不足：至少需要两个诈骗类型各有 {TrainingSet.MinPerLabel} 条已审核的举报或已知类型的案件（现有 {counts.Values.Sum()} 条）",
                $"Not enough training data: at least two fraud types need {TrainingSet.MinPerLabel} approved reports or typed cases each (there are {counts.Values.Sum()})");
        }
        if (await db.Set<ClassifierModel>().AnyAsync(m => m.Status == ClassifierStatus.Queued || m.Status == ClassifierStatus.Training, ct))
        {
            return Problems.Conflict("已有训练任务在进行，请等待其完成", "A training run is already under way: wait for it to finish");
        }
        var model = new ClassifierModel
        {
            Status = ClassifierStatus.Queued, ScopePath = db.ScopePath, HoldOutPercent = request.HoldOutPercent.Value, Stage = "queued",
            RequestedBy = user.Identity?.Name ?? "unknown", RequestedAt = clock.GetUtcNow().UtcDateTime, Note = request.Note?.Trim(),
        };
        db.Add(model);
        await db.SaveChangesAsync(ct);
        trainer.Wake();
        return TypedResults.Accepted($"/api/v1/prevention/classifier/models/{model.Version}", new Response(model.Version, model.Status));
    }

    public static async Task<Ok<SetResponse>> Set(AppDbContext db, CancellationToken ct)
    {
        var counts = await TrainingSet.CountAsync(db, db.ScopePath, ct);
        return TypedResults.Ok(new SetResponse(counts.Values.Sum(), TrainingSet.Enough(counts), TrainingSet.MinPerLabel,
            counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new LabelCount(c.Key, LabelName(c.Key), c.Value, c.Value >= TrainingSet.MinPerLabel)).ToList()));
    }

    /// <summary>The Chinese (or English) name of a fraud-type code; other labels as they are.</summary>
    public static string LabelName(string label) => Engine.Prevention.FraudTypes.Find(label) is { } type
        ? L.T(type.Chinese, type.English)
        : label == ClassifierBook.NotFraud ? L.T("非诈骗", "Not fraud") : label;
}
