using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary><c>POST /api/v1/warnings/{id}/assess</c> <c>{ note }</c> — 研判: an officer's judgement, kept in the timeline.</summary>
public static class AssessWarning
{
    public sealed record Request(string? Note);

    public static async Task<Results<Ok<WarningAction.StepResponse>, ProblemHttpResult>> Handle(long id, Request? request, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (WarningAction.Move(warning!, DissuasionStep.Assessed) is { } illegal)
        {
            return illegal;
        }
        warning!.Revision = Guid.NewGuid();
        var note = request?.Note is { Length: > 2000 } long_ ? long_[..2000] : request?.Note;
        WarningTimeline.Add(warning, WarningEventKinds.Assessed, now, WarningAction.Actor(user), new { note });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WarningAction.Answer(warning));
    }
}
