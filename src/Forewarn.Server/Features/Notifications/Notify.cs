using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;

namespace Forewarn.Server.Features.Notifications;

public static class Notify
{
    /// <summary>Queues a notification in the caller's context; it is saved (and later delivered) with the change that caused it.</summary>
    public static void Add(AppDbContext db, Warning warning, string kind, UnitInfo unit, string? recipient, string message, DateTime at) =>
        db.Notifications.Add(New(warning, kind, unit, recipient, message, at));

    /// <summary>A notification about <paramref name="warning"/>, not added anywhere (its warning id is set once the warning has one).</summary>
    public static Notification New(Warning warning, string kind, UnitInfo unit, string? recipient, string message, DateTime at) => new()
    {
        Warning = warning, Kind = kind, Recipient = recipient, UnitCode = unit.Code, Message = message, At = at,
        UnitPath = unit.UnitPath,
    };
}
