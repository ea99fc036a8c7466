using System.Security.Claims;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Notifications;

/// <summary><c>GET /api/v1/notifications?unread=true</c> — the caller's own notifications and those for their unit.</summary>
public static class ListNotifications
{
    public sealed record Item(long Id, long WarningId, string Kind, string Message, DateTimeOffset At, bool Read);

    public static async Task<Ok<List<Item>>> Handle(AppDbContext db, ClaimsPrincipal user, bool? unread, int? take, CancellationToken ct)
    {
        var query = Mine(db, user).AsNoTracking();
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        var rows = await query.OrderByDescending(n => n.Id).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(n => new Item(n.Id, n.WarningId, n.Kind, n.Message, ListWarnings.Utc(n.At), n.ReadAt is not null)).ToList());
    }

    /// <summary>The caller's own notifications and those addressed to everyone of their unit.</summary>
    public static IQueryable<Notification> Mine(AppDbContext db, ClaimsPrincipal user)
    {
        var me = user.Identity?.Name;
        var unit = user.FindFirstValue(ForewarnClaims.Unit);
        return db.Notifications.Where(n => n.Recipient == me || (n.Recipient == null && n.UnitCode == unit));
    }

    public static Task<int> UnreadAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        Mine(db, user).CountAsync(n => n.ReadAt == null, ct);
}
