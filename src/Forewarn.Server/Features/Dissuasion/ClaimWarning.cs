using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/claim</c> and <c>/release</c> — one officer works a warning at a time. A dispatcher or
/// analyst may take over a claimed warning with <c>{ "force": true }</c>; the timeline records it.
/// </summary>
public static class ClaimWarning
{
    public sealed record Request(bool Force);

    public static async Task<Results<Ok<WarningAction.StepResponse>, ProblemHttpResult>> Claim(long id, Request? request, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = WarningAction.Actor(user);
        var warning = await db.Warnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return Problems.NotFound();
        }
        if (warning.Status == WarningStatus.Closed)
        {
            return Problems.Conflict("预警已办结，不能再操作", "The warning is closed");
        }
        var supervisor = user.IsInRole(Roles.DistrictDispatcher) || user.IsInRole(Roles.CityAnalyst);
        if (warning.ClaimedBy is { } other && other != me && !(request?.Force == true && supervisor))
        {
            return Problems.Conflict($"该预警正由 {other} 处理", $"{other} is working this warning");
        }
        var previous = warning.ClaimedBy;
        warning.ClaimedBy = me;
        warning.ClaimedAt = now;
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.Claimed, now, me, new { from = previous });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WarningAction.Answer(warning));
    }

    public static async Task<Results<Ok<WarningAction.StepResponse>, ProblemHttpResult>> Release(long id, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct, claim: false);
        if (problem is not null)
        {
            return problem;
        }
        warning!.ClaimedBy = null;
        warning.ClaimedAt = null;
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.Released, now, WarningAction.Actor(user), new { });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WarningAction.Answer(warning));
    }
}
