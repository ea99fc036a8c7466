using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/classifier/models/{version}/approve</c> and <c>/reject</c> — a second person (not the one who asked
/// for the training) decides on a trained version; approving makes it the active one that classifies citizens' reports.
/// </summary>
public static class DecideClassifier
{
    public static Task<Results<Ok<TrainClassifier.Response>, ProblemHttpResult>> Approve(int version, AppDbContext db, ClaimsPrincipal user,
        ClassifierBook book, TimeProvider clock, CancellationToken ct) => DecideAsync(version, approve: true, db, user, book, clock, ct);

    public static Task<Results<Ok<TrainClassifier.Response>, ProblemHttpResult>> Reject(int version, AppDbContext db, ClaimsPrincipal user,
        ClassifierBook book, TimeProvider clock, CancellationToken ct) => DecideAsync(version, approve: false, db, user, book, clock, ct);

    private static async Task<Results<Ok<TrainClassifier.Response>, ProblemHttpResult>> DecideAsync(int version, bool approve, AppDbContext db,
        ClaimsPrincipal user, ClassifierBook book, TimeProvider clock, CancellationToken ct)
    {
        var models = db.Set<ClassifierModel>();
        var row = await models.Where(m => m.Version == version)
            .Select(m => new { m.Status, m.RequestedBy }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Problems.NotFound("模型版本不存在", "No such model version");
        }
        if (row.Status != ClassifierStatus.Trained)
        {
            return Problems.Conflict("只有训练完成、待审批的版本可以审批", "Only a trained version awaiting approval can be decided");
        }
        var who = user.Identity?.Name ?? "unknown";
        if (string.Equals(who, row.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("发起训练的人不能审批自己的模型（需第二人审批）", "Whoever asked for the training cannot decide on it: a second person must");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var status = approve ? ClassifierStatus.Active : ClassifierStatus.Rejected;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The status condition makes the decision once, even when two people press the button together.
        var decided = await models.Where(m => m.Version == version && m.Status == ClassifierStatus.Trained)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.DecidedBy, who).SetProperty(m => m.DecidedAt, now), ct);
        if (decided == 0)
        {
            return Problems.Conflict("该版本已处理", "This version has already been decided");
        }
        if (approve)
        {
            await models.Where(m => m.Status == ClassifierStatus.Active && m.Version != version)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ClassifierStatus.Retired), ct);
        }
        await transaction.CommitAsync(ct);
        book.Invalidate();
        return TypedResults.Ok(new TrainClassifier.Response(version, status));
    }
}
