using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.WatchLists;

/// <summary>
/// <c>POST /api/v1/watch-lists/{id}/review</c> <c>{ note, nextReviewBy?, remove? }</c> — records a review (复核): either keeps the person listed
/// until the next review date, or takes them off the list (<c>remove: true</c>).
/// </summary>
public static class ReviewWatchEntry
{
    public sealed record Request(string? Note, string? NextReviewBy, bool? Remove);

    public static async Task<Results<Ok<ReadWatchLists.View>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, TerritoryResolver territory,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Note) || request.Note.Length > 2000)
        {
            errors["note"] = [L.T("复核意见必填（不超过2000字）", "note is required (at most 2000 characters)")];
        }
        var remove = request.Remove == true;
        var next = remove ? default : ReadWatchLists.ParseReviewDate(request.NextReviewBy, now, errors, "nextReviewBy");
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var entry = await db.Set<WatchEntry>().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (entry is null)
        {
            return Problems.NotFound();
        }
        if (entry.Status != "active")
        {
            return Problems.Conflict("此人已移出名单", "This person is no longer on the list");
        }
        entry.LastReviewedAt = now;
        entry.LastReviewedBy = Jurisdiction.Actor(user);
        entry.LastReviewNote = request.Note!.Trim();
        if (remove)
        {
            entry.Status = "removed";
        }
        else
        {
            entry.ReviewBy = next;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReadWatchLists.ToView(entry, await territory.GetMapAsync(ct), now));
    }
}
