using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class DomainTests
{
    [Theory]
    [InlineData("evil.com", "evil.com")]
    [InlineData("EVIL.Com", "evil.com")]
    [InlineData("evil.com.", "evil.com")]
    [InlineData("  a-b.evil.com  ", "a-b.evil.com")]
    [InlineData("中国.cn", "xn--fiqs8s.cn")]
    [InlineData("XN--FIQS8S.CN", "xn--fiqs8s.cn")]
    [InlineData("pay.中国银行.com", "pay.xn--fiqs8s856bruk.com")]
    [InlineData("MÜNCHEN.de", "xn--mnchen-3ya.de")]
    [InlineData("例子。中国", "xn--fsqu00a.xn--fiqs8s")]
    [InlineData("1.2.3.com", "1.2.3.com")]
    [InlineData("x.c0m", "x.c0m")]
    public void Domain_is_lower_case_ascii_without_trailing_dot(string input, string expected)
    {
        Assert.Equal(expected, Domain.Parse(input).Value);
    }

    [Theory]
    [InlineData("localhost", "format")]
    [InlineData("1.2.3.4", "format")]
    [InlineData("evil.123", "format")]
    [InlineData("-evil.com", "format")]
    [InlineData("evil-.com", "format")]
    [InlineData("evil..com", "format")]
    [InlineData(".evil.com", "format")]
    [InlineData("evil.com..", "format")]
    [InlineData("ev_il.com", "format")]
    [InlineData("ev il.com", "format")]
    [InlineData("http://evil.com", "format")]
    [InlineData("evil.com/path", "format")]
    [InlineData("*.evil.com", "format")]
    [InlineData(".", "format")]
    [InlineData("", "missing")]
    [InlineData(null, "missing")]
    public void Bad_domain_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(Domain.TryParse(input, out var domain, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, domain);
    }

    [Fact]
    public void Label_longer_than_63_characters_is_rejected_as_length()
    {
        Assert.True(Domain.TryParse(new string('a', 63) + ".com", out _));
        Assert.False(Domain.TryParse(new string('a', 64) + ".com", out _, out var error));
        Assert.Equal("length", error);
    }

    [Fact]
    public void Name_longer_than_253_characters_is_rejected_as_length()
    {
        var label = new string('a', 60);
        var name247 = string.Join('.', label, label, label, label) + ".com";
        Assert.Equal(253, (name247 + ".abcde").Length);
        Assert.True(Domain.TryParse(name247 + ".abcde", out _));

        Assert.False(Domain.TryParse(name247 + ".abcdef", out _, out var error));
        Assert.Equal("length", error);
    }

    [Fact]
    public void Self_and_parents_stop_at_two_labels()
    {
        Assert.Equal(["a.b.evil.com", "b.evil.com", "evil.com"], Domain.Parse("a.b.evil.com").SelfAndParents());
        Assert.Equal(["evil.com"], Domain.Parse("evil.com").SelfAndParents());
        Assert.Empty(default(Domain).SelfAndParents());
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => Domain.Parse("localhost"));

        Assert.Contains("format", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalisation_is_idempotent_and_case_insensitive()
    {
        ValueGens.DomainName
            .SelectMany(name => ValueGens.RandomCase(name).Select(mixed => (name, mixed)))
            .Select(Gen.Bool, (pair, dot) => (pair.name, mixed: dot ? pair.mixed + "." : pair.mixed))
            .Sample(pair =>
            {
                var domain = Domain.Parse(pair.mixed);
                Assert.Equal(pair.name, domain.Value);
                Assert.Equal(domain, Domain.Parse(domain.Value));
                Assert.Same(domain.Value, Domain.Parse(domain.Value).Value);
            }, iter: 1000);
    }

    [Fact]
    public void Every_parent_is_a_suffix_with_at_least_two_labels()
    {
        ValueGens.DomainName.Sample(name =>
        {
            var parents = Domain.Parse(name).SelfAndParents().ToList();
            Assert.Equal(name, parents[0]);
            Assert.Equal(name.Count(c => c == '.'), parents.Count);
            Assert.All(parents, p => Assert.EndsWith(p, name, StringComparison.Ordinal));
            Assert.All(parents, p => Assert.True(Domain.TryParse(p, out _)));
            Assert.Equal(1, parents[^1].Count(c => c == '.'));
        });
    }
}
