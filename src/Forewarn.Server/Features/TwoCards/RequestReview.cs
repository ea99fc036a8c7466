using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// <c>POST /api/v1/two-cards/{id}/appeals</c> <c>{ reason }</c> records the holder's appeal (申诉); <c>POST /api/v1/two-cards/{id}/restore</c>
/// <c>{ reason }</c> asks to lift the measure early (解除). Either only asks: nothing changes until a second person approves
/// (<see cref="DecideReview"/>). One open request per measure.
/// </summary>
public static class RequestReview
{
    public sealed record Request(string? Reason);

    public sealed record View(long Id, long MeasureId, string Kind, string Reason, string Status, string RequestedBy, DateTimeOffset RequestedAt,
        string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

    public static Task<Results<Created<View>, ProblemHttpResult>> Appeal(long id, Request request, AppDbContext db, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct) => AskAsync(id, "appeal", request, db, user, clock, ct);

    public static Task<Results<Created<View>, ProblemHttpResult>> Restore(long id, Request request, AppDbContext db, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct) => AskAsync(id, "restore", request, db, user, clock, ct);

    private static async Task<Results<Created<View>, ProblemHttpResult>> AskAsync(long id, string kind, Request request, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = [L.T("理由必填（不超过2000字）", "reason is required (at most 2000 characters)")] });
        }
        var measure = await db.Set<TwoCardMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null)
        {
            return Problems.NotFound();
        }
        if (measure.Status != MeasureStatus.Active)
        {
            return Problems.Conflict("该惩戒已结束", "This measure is no longer in force");
        }
        if (await db.Set<TwoCardReview>().AnyAsync(r => r.MeasureId == id && r.Status == "pending", ct))
        {
            return Problems.Conflict("该惩戒已有待审批的申请", "This measure already has a request awaiting decision");
        }
        var review = new TwoCardReview
        {
            MeasureId = id, Kind = kind, Reason = request.Reason.Trim(), Status = "pending", RequestedBy = Jurisdiction.Actor(user),
            RequestedAt = clock.GetUtcNow().UtcDateTime, UnitPath = measure.UnitPath,
        };
        db.Add(review);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/two-cards/reviews/{review.Id}", ToView(review));
    }

    public static View ToView(TwoCardReview r) => new(r.Id, r.MeasureId, r.Kind, r.Reason, r.Status, r.RequestedBy, Warnings.ListWarnings.Utc(r.RequestedAt),
        r.DecidedBy, ListCases.Utc(r.DecidedAt), r.DecisionNote);
}
