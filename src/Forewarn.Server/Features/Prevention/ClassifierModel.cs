using Forewarn.Server.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// One version of the fraud-type text classifier (诈骗类型分类模型), retrained by the center from its own confirmed reports and
/// cases: asked for by one person, trained in the background on the part of the territory that person sees, evaluated on a
/// held-out split, and made active only when a second person approves it. The active version classifies citizens' reports.
/// </summary>
public sealed class ClassifierModel
{
    public int Version { get; set; }
    public required string Status { get; set; }
    /// <summary>The unit path the training set was drawn from: the requester's territory.</summary>
    public required string ScopePath { get; set; }
    public int HoldOutPercent { get; set; }
    /// <summary>How far training has come, 0–100, and the step it is on.</summary>
    public int Progress { get; set; }
    public string? Stage { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? Note { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? TrainedAt { get; set; }
    public double Seconds { get; set; }
    public int TrainCount { get; set; }
    public int TestCount { get; set; }
    /// <summary>Examples per label (JSON object), of those trained on and held out.</summary>
    public string? SamplesJson { get; set; }
    /// <summary>Per-class precision, recall, F1 and support on the held-out split (JSON array).</summary>
    public string? MetricsJson { get; set; }
    public double? MacroF1 { get; set; }
    public double? Accuracy { get; set; }
    /// <summary>The ML.NET model zip (<see cref="Engine.Prevention.TextClassifier.Save"/>).</summary>
    public byte[]? Model { get; set; }
    public string? Error { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public static class ClassifierStatus
{
    public const string Queued = "queued";
    public const string Training = "training";
    /// <summary>Trained and evaluated: waiting for a second person's decision.</summary>
    public const string Trained = "trained";
    public const string Failed = "failed";
    public const string Active = "active";
    public const string Retired = "retired";
    public const string Rejected = "rejected";

    public static string Name(string status) => status switch
    {
        Queued => L.T("排队中", "Queued"),
        Training => L.T("训练中", "Training"),
        Trained => L.T("待审批", "Awaiting approval"),
        Failed => L.T("失败", "Failed"),
        Active => L.T("生效中", "Active"),
        Retired => L.T("已停用", "Retired"),
        Rejected => L.T("已驳回", "Rejected"),
        _ => status,
    };
}

public sealed class ClassifierModelConfiguration : IEntityTypeConfiguration<ClassifierModel>
{
    public void Configure(EntityTypeBuilder<ClassifierModel> m)
    {
        m.ToTable("ClassifierModels");
        m.HasKey(x => x.Version);
        m.Property(x => x.Status).HasMaxLength(10);
        m.Property(x => x.ScopePath).HasMaxLength(64);
        m.Property(x => x.Stage).HasMaxLength(100);
        m.Property(x => x.RequestedBy).HasMaxLength(100);
        m.Property(x => x.Note).HasMaxLength(500);
        m.Property(x => x.SamplesJson).HasMaxLength(20_000);
        m.Property(x => x.MetricsJson).HasMaxLength(40_000);
        m.Property(x => x.Error).HasMaxLength(1000);
        m.Property(x => x.DecidedBy).HasMaxLength(100);
        m.HasIndex(x => x.Status);
    }
}
