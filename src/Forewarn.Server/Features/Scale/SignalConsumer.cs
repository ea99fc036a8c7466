using System.Diagnostics;
using System.Globalization;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Signals;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// The worker role. Each partition has one durable pull consumer, and one worker at a time owns it: the holder of the
/// partition's lease (<see cref="Leases"/>, a PostgreSQL advisory lock). The owner takes the partition's messages in
/// batches (up to <see cref="NatsOptions.Batch"/>), hands them to the one intake in their order (group commit, same engine
/// code as the in-process path) and acknowledges the batch (<c>AckPolicy.All</c>) only after the commit. So one subject's
/// signals are correlated in the order they were accepted, and many are in flight per partition and across partitions.
/// Workers share the partitions evenly (the count of live workers is the count of lease sessions); a worker that dies
/// loses its leases with its database session, another takes them, waits until the dead worker's unacknowledged batch
/// is due again (<see cref="NatsOptions.AckWaitSeconds"/>) so it comes before anything newer, and goes on. A redelivered
/// signal already stored is answered <c>duplicate</c> by the (client, external id) index: nothing is stored twice.
/// </summary>
public sealed class SignalConsumer(SignalBus stream, SignalIntake intake, BlacklistHolder blacklist, Leases leases, ILogger<SignalConsumer> log)
    : BackgroundService
{
    public static readonly TimeSpan Rebalance = TimeSpan.FromSeconds(2);

    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Loop)> _owned = [];
    private long _pending;
    private volatile int _ownedCount;

    /// <summary>Messages waiting in (or taken but not yet acknowledged from) this worker's partitions, as of the last look.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public int OwnedPartitions => _ownedCount;

    public string ConsumerOf(int partition) => stream.Options.Stream + "_part" + partition.ToString(CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Never correlate against the empty list a fresh process starts with; later changes arrive through BlacklistRefresher.
        await blacklist.RebuildAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync(stoppingToken);
                    await MeasureAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "Partition balancing failed; trying again");
                }
                await Task.Delay(Rebalance, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var partition in _owned.Keys.ToList())
            {
                await StopAsync(partition, release: false);
            }
        }
    }

    /// <summary>Owns this worker's share of the partitions: ceiling(partitions / live workers), given up or taken one lease at a time.</summary>
    private async Task BalanceAsync(CancellationToken ct)
    {
        var partitions = stream.Options.Partitions;
        if (!leases.Shared)
        {
            // SQLite: one process, it owns everything.
            for (var p = 0; p < partitions; p++)
            {
                if (!_owned.ContainsKey(p))
                {
                    Start(p, ct);
                }
            }
            return;
        }
        await leases.AliveAsync(ct);
        foreach (var lost in _owned.Keys.Where(p => !leases.Holds(Leases.PartitionKeyBase + p)).ToList())
        {
            log.LogWarning("Lease of partition {Partition} lost with the database session; stopping it", lost);
            await StopAsync(lost, release: false);
        }
        var workers = Math.Max(1, await leases.ConsumersAsync(ct));
        var share = (partitions + workers - 1) / workers;
        foreach (var extra in _owned.Keys.OrderDescending().Take(Math.Max(0, _owned.Count - share)).ToList())
        {
            await StopAsync(extra, release: true);
        }
        var first = Environment.ProcessId % partitions;
        for (var i = 0; i < partitions && _owned.Count < share; i++)
        {
            var p = (first + i) % partitions;
            if (!_owned.ContainsKey(p) && await leases.TryAcquireAsync(Leases.PartitionKeyBase + p, ct))
            {
                Start(p, ct);
            }
        }
    }

    private void Start(int partition, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _owned[partition] = (stop, Task.Run(() => RunAsync(partition, stop.Token, ct), CancellationToken.None));
        _ownedCount = _owned.Count;
        log.LogInformation("Consuming partition {Partition}", partition);
    }

    /// <summary>Stops a partition's loop after its current batch (which it still commits and acknowledges), then gives the lease up.</summary>
    private async Task StopAsync(int partition, bool release)
    {
        var (stop, loop) = _owned[partition];
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        _owned.Remove(partition);
        _ownedCount = _owned.Count;
        if (release)
        {
            await leases.ReleaseAsync(Leases.PartitionKeyBase + partition, CancellationToken.None);
        }
        log.LogInformation("Released partition {Partition}", partition);
    }

    private async Task MeasureAsync(CancellationToken ct)
    {
        var js = await stream.JetStreamAsync(ct);
        long pending = 0;
        foreach (var partition in _owned.Keys.ToList())
        {
            try
            {
                var info = (await js.GetConsumerAsync(stream.Options.Stream, ConsumerOf(partition), ct)).Info;
                pending += (long)info.NumPending + info.NumAckPending;
            }
            catch (NatsJSApiException)
            {
                // Not created yet.
            }
        }
        Interlocked.Exchange(ref _pending, pending);
    }

    /// <summary>Consumes one owned partition, batch after batch, until told to stop.</summary>
    /// <param name="partition">The partition this worker holds the lease of.</param>
    /// <param name="stop">Ends the loop between batches (a rebalance or shutdown).</param>
    /// <param name="ct">The host's token: a batch already taken is committed and acknowledged unless the process stops.</param>
    private async Task RunAsync(int partition, CancellationToken stop, CancellationToken ct)
    {
        var options = stream.Options;
        var waitedForPrevious = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var js = await stream.JetStreamAsync(stop);
                var name = ConsumerOf(partition);
                var consumer = await js.CreateOrUpdateConsumerAsync(options.Stream, new ConsumerConfig(name)
                {
                    DurableName = name,
                    FilterSubject = stream.SubjectOf(partition),
                    AckPolicy = ConsumerConfigAckPolicy.All,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                    MaxAckPending = options.Batch,
                    AckWait = TimeSpan.FromSeconds(options.AckWaitSeconds),
                    NumReplicas = options.Replicas,
                }, stop);
                if (!waitedForPrevious)
                {
                    await WaitForPreviousOwnerAsync(consumer, stop);
                    waitedForPrevious = true;
                }
                while (!stop.IsCancellationRequested)
                {
                    var batch = new List<INatsJSMsg<byte[]>>();
                    var first = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) }, cancellationToken: stop);
                    if (first is not { } message)
                    {
                        continue;
                    }
                    batch.Add(message);
                    if (options.Batch > 1)
                    {
                        await foreach (var more in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = options.Batch - 1 }, cancellationToken: stop))
                        {
                            batch.Add(more);
                        }
                    }
                    await IngestAsync(batch, ct);
                    // AckPolicy.All: the last message acknowledges the whole batch.
                    await batch[^1].AckAsync(new AckOpts { DoubleAck = true }, ct);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Connection lost, a node down, the database away: the unacknowledged batch is redelivered, so start again,
                // and (as after a takeover) wait for that redelivery before anything newer of this partition.
                log.LogWarning(e, "Signal consumer for partition {Partition} failed; restarting", partition);
                waitedForPrevious = false;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// A previous owner that died left its batch unacknowledged; JetStream redelivers it once its ack wait is over, ahead of
    /// newer messages. Taking newer ones before that would correlate a subject's signals out of order, so wait for it.
    /// </summary>
    private async Task WaitForPreviousOwnerAsync(INatsJSConsumer consumer, CancellationToken stop)
    {
        var waited = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(stream.Options.AckWaitSeconds + 1);
        while (consumer.Info.NumAckPending > 0 && waited.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
            await consumer.RefreshAsync(stop);
        }
    }

    /// <summary>One intake request per run of messages from the same client and actor, queued in order and committed together.</summary>
    private async Task IngestAsync(List<INatsJSMsg<byte[]>> batch, CancellationToken ct)
    {
        var requests = new List<Task<List<ItemResult>>>();
        (int ClientId, string Actor)? current = null;
        var items = new List<RawItem>();
        foreach (var message in batch)
        {
            if (SignalBus.Read(message.Headers, message.Data) is not { } read)
            {
                // Not ours: kept on the stream for inspection, acknowledged with its batch, never retried.
                log.LogWarning("Unreadable message on {Subject}; skipped", message.Subject);
                continue;
            }
            if (current != (read.ClientId, read.Actor) && items.Count > 0)
            {
                requests.Add(intake.IngestAsync(current!.Value.ClientId, current.Value.Actor, items, ct));
                items = [];
            }
            current = (read.ClientId, read.Actor);
            items.Add(read.Item);
        }
        if (items.Count > 0)
        {
            requests.Add(intake.IngestAsync(current!.Value.ClientId, current.Value.Actor, items, ct));
        }
        await Task.WhenAll(requests);
    }
}
