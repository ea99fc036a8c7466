using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// A publicity campaign (宣传活动) on one channel: the IPTV anti-fraud zone (a playlist of videos per fraud type), a WeChat article, an
/// SMS, a lecture or a community event. Mass mode (大水漫灌) reaches everyone in its areas; targeted mode (精准滴灌) reaches a segment.
/// </summary>
public sealed class Campaign : IScoped
{
    public long Id { get; set; }
    public required string Title { get; set; }
    /// <summary><c>iptv</c>, <c>wechat</c>, <c>sms</c>, <c>lecture</c> or <c>event</c>.</summary>
    public required string Channel { get; set; }
    /// <summary><c>mass</c> or <c>targeted</c>.</summary>
    public required string Mode { get; set; }
    /// <summary>Comma-separated fraud type codes the campaign warns about.</summary>
    public string? FraudTypes { get; set; }
    public long? SegmentId { get; set; }
    /// <summary>Comma-separated codes of the targeted units (districts, stations or grids).</summary>
    public required string Areas { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Owner { get; set; }
    /// <summary>Article or SMS text, or the lecture's topic.</summary>
    public string? Content { get; set; }
    /// <summary>For a lecture or event: where.</summary>
    public string? Venue { get; set; }
    /// <summary>For IPTV: JSON array of <c>{ fraudType, title, url, minutes }</c>.</summary>
    public string? Playlist { get; set; }
    /// <summary>People reached: SMS delivered, article reads, IPTV views.</summary>
    public int? Reach { get; set; }
    /// <summary>People present at a lecture or event.</summary>
    public int? Attendance { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    public static readonly string[] Channels = ["iptv", "wechat", "sms", "lecture", "event"];
    public static readonly string[] Modes = ["mass", "targeted"];

    public IReadOnlyList<string> AreaList => Areas.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> FraudTypeList => FraudTypes is { Length: > 0 } f ? f.Split(',') : [];
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> c)
    {
        c.Ignore(x => x.AreaList);
        c.Ignore(x => x.FraudTypeList);
        c.Property(x => x.Title).HasMaxLength(200);
        c.Property(x => x.Channel).HasMaxLength(10);
        c.Property(x => x.Mode).HasMaxLength(10);
        c.Property(x => x.FraudTypes).HasMaxLength(400);
        c.Property(x => x.Areas).HasMaxLength(1000);
        c.Property(x => x.Owner).HasMaxLength(100);
        c.Property(x => x.Content).HasMaxLength(5000);
        c.Property(x => x.Venue).HasMaxLength(200);
        c.Property(x => x.Playlist).HasMaxLength(20_000);
        c.Property(x => x.UnitCode).HasMaxLength(12);
        c.Property(x => x.UnitPath).HasMaxLength(64);
        c.Property(x => x.CreatedBy).HasMaxLength(100);
        c.HasIndex(x => new { x.UnitPath, x.StartsAt });
        c.HasOne<Segment>().WithMany().HasForeignKey(x => x.SegmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
