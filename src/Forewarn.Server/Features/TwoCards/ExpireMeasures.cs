using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Scale;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// Ends two-card measures whose statutory period is over (到期自动解除): each due measure becomes expired at its own expiry time, its
/// indicator is withdrawn and an audit record <c>two_cards.expired</c> is written, all in one transaction. The state is the measure's own
/// status, so a pass after a restart (or on another node) finds only what is still due; the measure's revision stops two nodes ending the
/// same one twice.
/// </summary>
public sealed class ExpireMeasures(IServiceScopeFactory scopes, BlacklistHolder blacklist, TimeProvider clock, ILogger<ExpireMeasures> log,
    Leadership leadership) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

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
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Two-card expiry pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many measures this pass ended.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            var due = await db.Set<TwoCardMeasure>().Where(m => m.Status == MeasureStatus.Active && m.ExpiresAt <= now).OrderBy(m => m.Id).Take(200).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }
            var changed = false;
            foreach (var measure in due)
            {
                measure.Status = MeasureStatus.Expired;
                measure.EndedAt = measure.ExpiresAt;
                measure.EndedBy = "system";
                measure.Revision = Guid.NewGuid();
                changed |= await TwoCardIndicators.WithdrawAsync(db, measure, whitelist: false, now, ct);
                audit.Add("two_cards.expired", $"measure {measure.Id}", userName: "system");
                try
                {
                    await db.SaveChangesAsync(ct);
                    ended++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another node (or a restore) ended it first.
                    db.ChangeTracker.Clear();
                    break;
                }
            }
            if (changed)
            {
                blacklist.MarkDirty();
            }
            if (due.Count < 200)
            {
                break;
            }
        }
        if (ended > 0)
        {
            log.LogInformation("{Count} two-card measures expired", ended);
        }
        return ended;
    }
}
