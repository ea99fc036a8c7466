using CsCheck;
using Forewarn.Engine.Dissuasion;
using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Dissuasion;

public sealed class DissuasionFlowTests
{
    [Fact]
    public void The_happy_path_walks_every_step_in_order()
    {
        DissuasionStep[] path = [DissuasionStep.New, DissuasionStep.SignedFor, DissuasionStep.Called, DissuasionStep.Assessed,
            DissuasionStep.Finding, DissuasionStep.Verified, DissuasionStep.WarnedInPerson, DissuasionStep.FedBack];
        for (var i = 1; i < path.Length; i++)
        {
            Assert.True(DissuasionFlow.CanMove(path[i - 1], path[i]), $"{path[i - 1]} → {path[i]}");
        }
    }

    [Theory]
    [InlineData(DissuasionStep.New, DissuasionStep.Called)]
    [InlineData(DissuasionStep.New, DissuasionStep.FedBack)]
    [InlineData(DissuasionStep.SignedFor, DissuasionStep.Verified)]
    [InlineData(DissuasionStep.Called, DissuasionStep.WarnedInPerson)]
    [InlineData(DissuasionStep.FedBack, DissuasionStep.Called)]
    [InlineData(DissuasionStep.Verified, DissuasionStep.SignedFor)]
    public void Illegal_moves_are_refused(DissuasionStep from, DissuasionStep to)
    {
        Assert.False(DissuasionFlow.CanMove(from, to));
        Assert.Null(DissuasionFlow.Advance(from, to));
    }

    [Fact]
    public void Nothing_leaves_the_closed_step_and_nothing_returns_to_new()
    {
        Gen.Enum<DissuasionStep>().Sample(from =>
        {
            Assert.False(DissuasionFlow.CanMove(DissuasionStep.FedBack, from));
            Assert.False(DissuasionFlow.CanMove(from, DissuasionStep.New));
        });
    }

    [Fact]
    public void Advancing_never_moves_backwards()
    {
        Gen.Select(Gen.Enum<DissuasionStep>(), Gen.Enum<DissuasionStep>()).Sample((from, to) =>
        {
            if (DissuasionFlow.Advance(from, to) is { } next)
            {
                Assert.True(next >= from);
            }
        });
    }

    [Theory]
    [InlineData(RiskLevel.Special, 1, 5, 30)]
    [InlineData(RiskLevel.High, 5, 30, 24 * 60)]
    [InlineData(RiskLevel.Medium, 60, 24 * 60, 72 * 60)]
    public void Default_deadlines_follow_the_design(RiskLevel level, int signFor, int firstContact, int faceToFace)
    {
        var since = new DateTime(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);
        var d = DissuasionPolicy.Default.DeadlinesFor(level, since);
        Assert.Equal(since.AddMinutes(signFor), d.SignFor);
        Assert.Equal(since.AddMinutes(firstContact), d.FirstContact);
        Assert.Equal(since.AddMinutes(faceToFace), d.FaceToFace);
    }

    [Fact]
    public void A_low_warning_has_no_face_to_face_deadline()
    {
        var d = DissuasionPolicy.Default.DeadlinesFor(RiskLevel.Low, new DateTime(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc));
        Assert.Null(d.FaceToFace);
        Assert.Equal(TimeSpan.FromHours(72), d.FirstContact - new DateTime(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc));
    }
}
