using System.Collections.Concurrent;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Signals;

/// <summary>One item of a batch as received: its parsed form (or why it could not be parsed) and its raw text.</summary>
public sealed record RawItem(SignalItem? Item, string Raw, ItemError? ParseError);

public sealed record ItemResult(string? ExternalId, string Status, long? WarningId, IReadOnlyList<ItemError>? Errors);

/// <summary>
/// The one intake for signals (DESIGN §3), with group commit: callers queue their batches, and one writer at a
/// time takes everything queued so far and commits it in one transaction (one disk flush for many requests).
/// Each caller is answered once its own items are durable. The writer runs only while work is queued, so the
/// command-line imports need no host.
/// </summary>
public sealed class SignalIntake(IServiceScopeFactory scopes, ILogger<SignalIntake> log) : IDisposable
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    /// <summary>A group closes at this many items, so one huge queue still commits in bounded steps.</summary>
    public const int GroupItems = 10_000;

    private readonly ConcurrentQueue<IntakeRequest> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private SqliteConnection? connection;

    /// <summary>Batches queued and not yet taken by the writer (a gauge for operators).</summary>
    public int QueueLength => queue.Count;

    /// <summary>
    /// Validates, stores and correlates <paramref name="items"/> and answers per item once they are committed.
    /// <paramref name="audit"/>, when given, is committed in the same transaction (see <see cref="AuditTrail.TakeCurrent"/>).
    /// </summary>
    public async Task<List<ItemResult>> IngestAsync(int clientId, string actor, IReadOnlyList<RawItem> items, CancellationToken ct,
        bool quarantineRejected = true, AuditRecord? audit = null)
    {
        var request = new IntakeRequest(clientId, actor, items, quarantineRejected, audit);
        queue.Enqueue(request);
        if (writer.Wait(0))
        {
            // The writer works for every caller, so it must not carry this one's request context (user, territory).
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
            }
        }
        return await request.Done.Task.WaitAsync(ct);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            var group = new List<IntakeRequest>();
            var size = 0;
            while (size < GroupItems && queue.TryDequeue(out var next))
            {
                group.Add(next);
                size += next.Items.Count;
            }
            if (group.Count == 0)
            {
                writer.Release();
                // A caller may have queued after the last look but failed to take the writer while we held it.
                if (queue.IsEmpty || !writer.Wait(0))
                {
                    return;
                }
                continue;
            }
            await WriteAsync(group);
        }
    }

    private async Task WriteAsync(List<IntakeRequest> group)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (db.Database.IsSqlite())
            {
                // One writer at a time, so it keeps one connection: no pool round trip (and no settings check) a group.
                connection ??= await DatabaseSetup.OpenSqliteAsync(db.Database.GetConnectionString()!, CancellationToken.None);
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            }
            var results = await scope.ServiceProvider.GetRequiredService<IntakeWriter>().WriteAsync(group, CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (group.Count > 1)
        {
            // One request's failure must not fail the others: commit each on its own.
            log.LogWarning(e, "Intake group of {Count} failed; writing its requests one by one", group.Count);
            foreach (var request in group)
            {
                await WriteAsync([request]);
            }
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        connection?.Dispose();
    }
}

/// <summary>One caller's batch waiting in the intake queue.</summary>
public sealed record IntakeRequest(int ClientId, string Actor, IReadOnlyList<RawItem> Items, bool QuarantineRejected, AuditRecord? Audit)
{
    public TaskCompletionSource<List<ItemResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Writes one group of intake requests in one transaction: validates every item, acknowledges replays once,
/// keeps rejected items in quarantine, matches counterparties against the blacklist, and raises warnings.
/// </summary>
public sealed class IntakeWriter(AppDbContext db, BlacklistHolder blacklist, LookupHasher hasher, RaiseWarnings raise, SubjectWindows windows,
    AuditChain audit, IOptions<TerritoryOptions> territory, TimeProvider clock, WarningNotifier notifier, ILogger<IntakeWriter> log)
{
    public async Task<List<ItemResult>[]> WriteAsync(IReadOnlyList<IntakeRequest> group, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(group, ct);
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                // Another node stored one of these ids (or changed one of these warnings) between our read and our write:
                // start again, and the replay check will now see it.
                log.LogInformation(e, "Intake conflict, retrying group (attempt {Attempt})", attempt);
                db.ChangeTracker.Clear();
                windows.Forget();
            }
            catch
            {
                // The kept windows may hold what this group changed and did not commit.
                windows.Forget();
                throw;
            }
        }
    }

    private async Task<List<ItemResult>[]> WriteOnceAsync(IReadOnlyList<IntakeRequest> group, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cityPath = Unit.PathOf(null, territory.Value.CityCode);
        var results = group.Select(r => new ItemResult?[r.Items.Count]).ToArray();
        var parsed = new List<(int Request, int Index, ParsedSignal Signal)>();
        for (var r = 0; r < group.Count; r++)
        {
            var request = group[r];
            for (var i = 0; i < request.Items.Count; i++)
            {
                var errors = new List<ItemError>();
                var item = request.Items[i];
                if (SignalValidation.Validate(item, now, errors) is { } signal)
                {
                    parsed.Add((r, i, signal));
                    continue;
                }
                results[r][i] = new ItemResult(item.Item?.ExternalId, SignalIntake.Rejected, null, errors);
                if (request.QuarantineRejected)
                {
                    db.Quarantine.Add(SignalValidation.Quarantined(request.ClientId, item, errors, now, cityPath));
                }
            }
        }

        // One transaction from the first read (so one connection open for the group) to the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Replays are found by (client, external id), one query per client in the group.
        var stored = new Dictionary<(int, string), long?>();
        foreach (var client in parsed.GroupBy(p => group[p.Request].ClientId))
        {
            var ids = client.Select(p => p.Signal.ExternalId).Distinct().ToList();
            foreach (var s in await db.Signals.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.ClientId == client.Key && ids.Contains(s.ExternalId))
                .Select(s => new { s.ExternalId, s.WarningId }).ToListAsync(ct))
            {
                stored[(client.Key, s.ExternalId)] = s.WarningId;
            }
        }

        var fresh = new Dictionary<(int, string), Signal>();
        var byActor = new Dictionary<string, List<Signal>>();
        var current = blacklist.Current;
        foreach (var (r, index, p) in parsed)
        {
            var key = (group[r].ClientId, p.ExternalId);
            if (stored.TryGetValue(key, out var warningId))
            {
                results[r][index] = new ItemResult(p.ExternalId, SignalIntake.Duplicate, warningId, null);
                continue;
            }
            if (fresh.ContainsKey(key))
            {
                continue; // answered below, once the first copy has its warning
            }
            var entity = new Signal
            {
                ClientId = group[r].ClientId,
                ExternalId = p.ExternalId,
                Type = p.Type,
                OccurredAt = p.OccurredAt,
                ReceivedAt = now,
                SubjectKey = hasher.Hash("phone", p.SubjectPhone),
                SubjectPhone = p.SubjectPhone,
                SubjectName = p.SubjectName,
                SubjectIdNumber = p.SubjectIdNumber,
                SubjectAge = p.SubjectAge,
                Lat = p.Lat,
                Lon = p.Lon,
                AdminCode = p.AdminCode,
                Address = p.Address,
                CounterpartyType = p.CounterpartyType,
                Counterparty = p.Counterparty,
                CounterpartyBlacklisted = p.CounterpartyType is { } t && Matches(current, t, p.Counterparty!),
                DurationSeconds = p.DurationSeconds,
                AmountFen = p.AmountFen,
                ClueLevel = p.ClueLevel,
                Urgent = p.Urgent,
                FraudType = p.FraudType,
                Note = p.Note,
                UnitPath = cityPath,
            };
            fresh[key] = entity;
            if (!byActor.TryGetValue(group[r].Actor, out var signals))
            {
                byActor[group[r].Actor] = signals = [];
            }
            signals.Add(entity);
        }
        var records = group.Select(r => r.Audit).OfType<AuditRecord>().ToList();

        foreach (var (actor, signals) in byActor)
        {
            await raise.ApplyAsync(signals, actor, ct);
            // Written (not yet committed) so that the next caller's correlation sees the warnings this one opened and
            // these signals. The new signals, warnings and audit records, most of what a group writes, skip change tracking.
            await raise.SaveAsync(signals, ct);
        }
        try
        {
            // The audit chain stays held until the commit, so no other record takes the next number meanwhile.
            using (records.Count > 0 ? await audit.SealAsync(db, records, ct) : null)
            {
                await db.SaveChangesAsync(ct); // the chain's head, quarantined items
                await RowInserter.InsertAsync(db, records, ct);
                await transaction.CommitAsync(ct);
            }
        }
        catch
        {
            // Not written: a retry seals them again, or the caller's audit filter saves them with the failure.
            records.ForEach(r => r.Seq = AuditRecord.Unsealed());
            throw;
        }
        // Only now, once durable: new and escalated warnings are the ones the signals of this group joined.
        await notifier.PublishAsync(fresh.Values.Select(s => s.Warning).OfType<Warning>().Distinct(), ct);

        var answered = new HashSet<(int, string)>();
        foreach (var (r, index, p) in parsed)
        {
            if (results[r][index] is not null)
            {
                continue;
            }
            var key = (group[r].ClientId, p.ExternalId);
            results[r][index] = new ItemResult(p.ExternalId, answered.Add(key) ? SignalIntake.Accepted : SignalIntake.Duplicate, fresh[key].WarningId, null);
        }
        return [.. results.Select(r => r.Select(x => x!).ToList())];
    }

    private static bool Matches(Blacklist blacklist, IndicatorType type, string value) => type == IndicatorType.Url
        ? blacklist.TryMatchUrl(value, Engine.Values.WebUrl.TryParse(value, out var url, out _) ? url.Host : null, out _)
        : blacklist.TryMatch(type, value, out _);
}
