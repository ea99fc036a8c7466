using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary><c>POST /api/v1/warnings/{id}/sign-for</c> — 签收: the unit takes the warning (and the caller claims it).</summary>
public static class SignFor
{
    public static async Task<Results<Ok<WarningAction.StepResponse>, ProblemHttpResult>> Handle(long id, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (WarningAction.Move(warning!, DissuasionStep.SignedFor) is { } illegal)
        {
            return illegal;
        }
        warning!.SignedForAt = now;
        warning.SignedForBy = WarningAction.Actor(user);
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.SignedFor, now, warning.SignedForBy, new { });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WarningAction.Answer(warning));
    }
}
