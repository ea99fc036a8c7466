using System.Security.Claims;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// <c>/hubs/warnings</c>: pushes "a warning arrived or rose" to the people whose territory holds it. Each connection
/// joins the group of its own unit path; a warning is sent to the groups of its unit and every unit above it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class WarningHub : Hub
{
    public const string Path = "/hubs/warnings";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.FindFirstValue(ForewarnClaims.UnitPath) is { Length: > 0 } path)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, path);
        }
        await base.OnConnectedAsync();
    }
}

/// <summary>Tells connected staff about warnings that an intake has just committed (new or escalated).</summary>
public sealed class WarningNotifier(IHubContext<WarningHub> hub, ILogger<WarningNotifier> log)
{
    public sealed record Message(long Id, string Level, string LevelName);

    public async Task PublishAsync(IEnumerable<Warning> warnings, CancellationToken ct)
    {
        foreach (var w in warnings)
        {
            try
            {
                await hub.Clients.Groups(Ancestors(w.UnitPath)).SendAsync("warning", new Message(w.Id, RiskLevels.ToWire(w.Level), RiskLevels.ChineseName(w.Level)), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The warning is committed; a lost push only means a screen refreshes later.
                log.LogWarning(e, "Could not push warning {Id}", w.Id);
            }
        }
    }

    /// <summary><c>500000/500112/500112011/</c> → itself and each unit above it.</summary>
    public static List<string> Ancestors(string unitPath)
    {
        var parts = unitPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return [.. Enumerable.Range(1, parts.Length).Select(n => string.Concat(parts.Take(n).Select(p => p + "/")))];
    }
}
