using Forewarn.Server.Data;
using Forewarn.Server.Features.Scale;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Notifications;

/// <summary>An outbound channel for notifications (an SMS or voice platform). The webhook one is built in.</summary>
public interface INotificationGateway
{
    /// <returns>True when the gateway accepted the message.</returns>
    Task<bool> SendAsync(Notification notification, CancellationToken ct);
}

/// <summary>Section <c>Forewarn:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Forewarn:Notifications";

    /// <summary>When set, every notification is POSTed here as JSON (e.g. to the center's SMS/voice platform).</summary>
    public Uri? WebhookUrl { get; set; }
}

public sealed class WebhookNotificationGateway(IHttpClientFactory http, IOptions<NotificationOptions> options) : INotificationGateway
{
    public async Task<bool> SendAsync(Notification n, CancellationToken ct)
    {
        if (options.Value.WebhookUrl is not { } url)
        {
            return true;
        }
        using var client = http.CreateClient(nameof(WebhookNotificationGateway));
        using var response = await client.PostAsJsonAsync(url, new { n.Id, n.WarningId, n.Kind, n.Recipient, n.UnitCode, n.Message, n.At }, ct);
        return response.IsSuccessStatusCode;
    }
}

/// <summary>Hands undelivered notifications to the gateway, retrying on the next tick until it accepts them.</summary>
public sealed class NotificationDispatcher(IServiceScopeFactory scopes, INotificationGateway gateway, TimeProvider clock, ILogger<NotificationDispatcher> log,
    Leadership leadership) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        do
        {
            try
            {
                if (!await leadership.MayRunAsync(stoppingToken))
                {
                    continue; // another process leads (docs/scale.md)
                }
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                foreach (var n in await db.Notifications.Where(n => n.DeliveredAt == null).OrderBy(n => n.Id).Take(100).ToListAsync(stoppingToken))
                {
                    if (await gateway.SendAsync(n, stoppingToken))
                    {
                        n.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                    }
                }
                await db.SaveChangesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Notification delivery failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
