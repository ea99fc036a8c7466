using System.ComponentModel.DataAnnotations;

namespace Forewarn.Server.Features.Scale;

/// <summary>What one <c>forewarn serve</c> process does (<c>--role</c>): answer requests, correlate signals, or both.</summary>
public enum ServeRole
{
    /// <summary>Both: the default, and the only role that means anything without NATS.</summary>
    All,

    /// <summary>Accepts signals and publishes them to JetStream; correlates nothing itself.</summary>
    Web,

    /// <summary>Consumes signals from JetStream and correlates them through the one intake.</summary>
    Worker,
}

/// <summary>This process's role, as a service.</summary>
public sealed record ProcessRole(ServeRole Role);

/// <summary>
/// Section <c>Forewarn:Nats</c>. Without <see cref="Url"/> every role takes the in-process path (DESIGN §9, one machine);
/// with it, the web role publishes accepted signals to <see cref="Stream"/> and workers consume them.
/// </summary>
public sealed class NatsOptions
{
    public const string Section = "Forewarn:Nats";

    /// <summary>One or more servers, comma-separated, e.g. <c>nats://10.0.0.1:4222,nats://10.0.0.2:4222</c>.</summary>
    public string? Url { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Stream { get; set; } = "FOREWARN_SIGNALS";

    /// <summary>Subject prefix; partition <c>p</c> is <c>&lt;prefix&gt;.p</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    public string Subject { get; set; } = "forewarn.signals";

    /// <summary>How many partitions subjects (phones) are spread over; changing it on a live stream reorders in-flight work.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

    /// <summary>Copies of the stream kept by the JetStream cluster (1 for a single server, 3 for a three-node cluster).</summary>
    [Range(1, 5)]
    public int Replicas { get; set; } = 1;

    /// <summary>How long a worker may hold a message before JetStream gives it to another (a dead worker's work resumes after this).</summary>
    [Range(1, 3600)]
    public int AckWaitSeconds { get; set; } = 30;

    /// <summary>Window in which JetStream drops a re-published signal with the same <c>Nats-Msg-Id</c>.</summary>
    [Range(1, 1440)]
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>Most messages a worker takes from one partition at once (and may hold unacknowledged): one group commit's share.</summary>
    [Range(1, 10_000)]
    public int Batch { get; set; } = 256;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
