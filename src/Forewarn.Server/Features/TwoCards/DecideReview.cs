using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// <c>GET /api/v1/two-cards/reviews?status=pending|approved|rejected</c> lists appeals and restore requests;
/// <c>POST /api/v1/two-cards/reviews/{id}/approve</c> and <c>/reject</c> <c>{ note? }</c> are the second person's decision (maker-checker, like
/// rule changes): policy <see cref="CrackdownPolicies.Approve"/> (a city analyst or security admin) and never the person who asked. Approval
/// lifts the measure (解除), withdraws its indicator and leaves an audit record <c>two_cards.restored</c> naming both people.
/// </summary>
public static class DecideReview
{
    public sealed record Request(string? Note);

    public static async Task<Results<Ok<List<RequestReview.View>>, ProblemHttpResult>> List(AppDbContext db, string? status, CancellationToken ct)
    {
        if (status is not (null or "pending" or "approved" or "rejected"))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["status"] = [L.T("status 应为 pending、approved 或 rejected", "status must be pending, approved or rejected")] });
        }
        var rows = await db.Set<TwoCardReview>().AsNoTracking().Where(r => status == null || r.Status == status).OrderByDescending(r => r.Id).Take(500)
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(RequestReview.ToView).ToList());
    }

    public static Task<Results<Ok<RequestReview.View>, ProblemHttpResult>> Approve(long id, Request request, AppDbContext db, AuditTrail audit,
        BlacklistHolder blacklist, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, approve: true, request, db, audit, blacklist, user, clock, ct);

    public static Task<Results<Ok<RequestReview.View>, ProblemHttpResult>> Reject(long id, Request request, AppDbContext db, AuditTrail audit,
        BlacklistHolder blacklist, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, approve: false, request, db, audit, blacklist, user, clock, ct);

    private static async Task<Results<Ok<RequestReview.View>, ProblemHttpResult>> DecideAsync(long id, bool approve, Request request, AppDbContext db,
        AuditTrail audit, BlacklistHolder blacklist, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (request.Note?.Length > 2000)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")] });
        }
        var review = await db.Set<TwoCardReview>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return Problems.NotFound("申请不存在或不在您的辖区内", "No such request in your jurisdiction");
        }
        if (review.Status != "pending")
        {
            return Problems.Conflict("该申请已处理", "This request has already been decided");
        }
        var who = Jurisdiction.Actor(user);
        if (string.Equals(who, review.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("申请人不能审批自己的申请（需第二人审批）", "The requester cannot decide their own request: a second person must");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        review.Status = approve ? "approved" : "rejected";
        review.DecidedBy = who;
        review.DecidedAt = now;
        review.DecisionNote = request.Note;
        var changed = false;
        if (approve)
        {
            var measure = await db.Set<TwoCardMeasure>().FirstAsync(m => m.Id == review.MeasureId, ct);
            if (measure.Status != MeasureStatus.Active)
            {
                return Problems.Conflict("该惩戒已结束", "This measure is no longer in force");
            }
            measure.Status = MeasureStatus.Restored;
            measure.EndedAt = now;
            measure.EndedBy = who;
            measure.Revision = Guid.NewGuid();
            changed = await TwoCardIndicators.WithdrawAsync(db, measure, whitelist: review.Kind == "appeal", now, ct);
            // The call's own audit record (one per call: the chain numbers it) says what was decided.
            var record = audit.Current ?? audit.Add("two_cards.restored");
            record.Event = "two_cards.restored";
            record.Target = $"measure {measure.Id}, {review.Kind} {review.Id} by {review.RequestedBy}, approved by {who}";
        }
        await db.SaveChangesAsync(ct);
        if (changed)
        {
            blacklist.MarkDirty();
        }
        return TypedResults.Ok(RequestReview.ToView(review));
    }
}
