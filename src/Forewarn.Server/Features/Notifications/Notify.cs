using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;

namespace Forewarn.Server.Features.Notifications;

public static class Notify
{
    /// <summary>Queues a notification in the caller's context; it is saved (and later delivered) with the change that caused it.</summary>
    public static void Add(AppDbContext db, Warning warning, string kind, UnitInfo unit, string? recipient, string message, DateTime at) =>
        db.Notifications.Add(new Notification
        {
            Warning = warning, Kind = kind, Recipient = recipient, UnitCode = unit.Code, Message = message, At = at,
            UnitPath = unit.UnitPath,
        });
}
