using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Notifications;

/// <summary>
/// <c>POST /api/v1/notifications/{id}/read</c> and <c>POST /api/v1/notifications/read-all</c> — marks the caller's notifications read.
/// A notification for everyone of a unit is read for the whole unit once one of them has read it.
/// </summary>
public static class ReadNotifications
{
    public sealed record Response(int Marked);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> One(long id, AppDbContext db, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        var n = await ListNotifications.Mine(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return Problems.NotFound();
        }
        if (n.ReadAt is not null)
        {
            return TypedResults.Ok(new Response(0));
        }
        n.ReadAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(1));
    }

    public static async Task<Ok<Response>> All(AppDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await ListNotifications.Mine(db, user).Where(n => n.ReadAt == null).ToListAsync(ct);
        foreach (var n in unread)
        {
            n.ReadAt = now;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(unread.Count));
    }
}
