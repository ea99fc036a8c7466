using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/knowledge/{code}/{version}/approve</c> and <c>/reject</c> — the second person's decision on a proposed
/// guide. Approving makes it the active version and retires the one before; the proposer cannot decide their own edit.
/// </summary>
public static class DecideGuide
{
    public static Task<Results<Ok<ProposeGuide.Response>, ProblemHttpResult>> Approve(string code, int version, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => DecideAsync(code, version, approve: true, db, user, clock, ct);

    public static Task<Results<Ok<ProposeGuide.Response>, ProblemHttpResult>> Reject(string code, int version, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => DecideAsync(code, version, approve: false, db, user, clock, ct);

    private static async Task<Results<Ok<ProposeGuide.Response>, ProblemHttpResult>> DecideAsync(string code, int version, bool approve, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Set<FraudTypeGuide>().FirstOrDefaultAsync(g => g.FraudType == code && g.Version == version, ct);
        if (row is null)
        {
            return Problems.NotFound("该版本不存在", "No such version");
        }
        if (row.Status != GuideStatus.Proposed)
        {
            return Problems.Conflict("该版本已处理", "This version has already been decided");
        }
        var who = user.Identity?.Name ?? "unknown";
        if (string.Equals(who, row.ProposedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("提议人不能审批自己的修改（需第二人审批）", "The proposer cannot decide their own edit: a second person must");
        }
        if (approve)
        {
            foreach (var active in await db.Set<FraudTypeGuide>().Where(g => g.FraudType == code && g.Status == GuideStatus.Active).ToListAsync(ct))
            {
                active.Status = GuideStatus.Retired;
            }
        }
        row.Status = approve ? GuideStatus.Active : GuideStatus.Rejected;
        row.DecidedBy = who;
        row.DecidedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ProposeGuide.Response(code, version, row.Status.ToString().ToLowerInvariant()));
    }
}
