using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Rules;

/// <summary><c>POST /api/v1/rules/{version}/approve</c> and <c>/reject</c> — the second person's decision on a proposal.</summary>
public static class DecideRules
{
    public static Task<Results<Ok<ProposeRules.Response>, ProblemHttpResult>> Approve(int version, AppDbContext db, ClaimsPrincipal user, RuleBook book,
        TimeProvider clock, CancellationToken ct) => DecideAsync(version, approve: true, db, user, book, clock, ct);

    public static Task<Results<Ok<ProposeRules.Response>, ProblemHttpResult>> Reject(int version, AppDbContext db, ClaimsPrincipal user, RuleBook book,
        TimeProvider clock, CancellationToken ct) => DecideAsync(version, approve: false, db, user, book, clock, ct);

    private static async Task<Results<Ok<ProposeRules.Response>, ProblemHttpResult>> DecideAsync(int version, bool approve, AppDbContext db,
        ClaimsPrincipal user, RuleBook book, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.RuleSets.FirstOrDefaultAsync(r => r.Version == version, ct);
        if (row is null)
        {
            return Problems.NotFound("规则版本不存在", "No such rule version");
        }
        if (row.Status != RuleSetStatus.Proposed)
        {
            return Problems.Conflict("该版本已处理", "This version has already been decided");
        }
        var who = user.Identity?.Name ?? "unknown";
        if (string.Equals(who, row.ProposedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("提议人不能审批自己的规则变更（需第二人审批）", "The proposer cannot decide their own change: a second person must");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (approve)
        {
            foreach (var active in await db.RuleSets.Where(r => r.Status == RuleSetStatus.Active).ToListAsync(ct))
            {
                active.Status = RuleSetStatus.Retired;
            }
        }
        row.Status = approve ? RuleSetStatus.Active : RuleSetStatus.Rejected;
        row.DecidedBy = who;
        row.DecidedAt = now;
        await db.SaveChangesAsync(ct);
        book.Invalidate();
        return TypedResults.Ok(new ProposeRules.Response(version, row.Status.ToString().ToLowerInvariant()));
    }
}
