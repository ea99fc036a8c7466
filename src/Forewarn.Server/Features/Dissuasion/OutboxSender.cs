using System.Text;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// Delivers block and stop-loss requests from the outbox to the receiving client's webhook. A request is retried
/// with exponential back-off (2 s doubling to 5 min) until the client answers 2xx, always with the same
/// <c>Idempotency-Key</c>; once acknowledged it is never sent again. Restart-safe: the state is in the database.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock, ILogger<OutboxSender> log, Leadership leadership)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                if (!await leadership.MayRunAsync(stoppingToken))
                {
                    continue; // another process leads (docs/scale.md)
                }
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Outbox pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboundRequest>().Where(o => o.Status == OutboundStatus.Pending && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt).Take(50).ToListAsync(ct);
        var hooks = await db.ApiClients.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.WebhookUrl, ct);
        var sent = 0;
        foreach (var request in due)
        {
            request.Attempts++;
            string? error;
            if (hooks.GetValueOrDefault(request.ClientId) is not { Length: > 0 } url)
            {
                error = "no webhook configured";
            }
            else
            {
                error = await PostAsync(url, request, ct);
            }
            now = clock.GetUtcNow().UtcDateTime;
            if (error is null)
            {
                request.Status = OutboundStatus.Acknowledged;
                request.AcknowledgedAt = now;
                request.LastError = null;
                var warning = await db.Warnings.FirstAsync(w => w.Id == request.WarningId, ct);
                WarningTimeline.Add(warning, WarningEventKinds.OutboundAcknowledged, now, "system", new { kind = request.Kind, requestId = request.IdempotencyKey, attempts = request.Attempts });
                sent++;
            }
            else
            {
                request.LastError = error.Length > 500 ? error[..500] : error;
                request.NextAttemptAt = now + Backoff(request.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, 2 * Math.Pow(2, Math.Min(attempts - 1, 10))));

    private async Task<string?> PostAsync(string url, OutboundRequest request, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(nameof(OutboxSender));
            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(request.Payload, Encoding.UTF8, "application/json") };
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey.ToString());
            using var response = await client.SendAsync(message, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }
}
