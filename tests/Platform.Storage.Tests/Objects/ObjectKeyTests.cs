using Platform.Storage.Objects;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.Objects;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("datasets/3f/blob.bin")]
    [InlineData(".hidden/file")]
    [InlineData("a..b/c...d")]
    [InlineData("name with spaces/ünïcødé 😀.txt")]
    public void AnOrdinaryKeyIsAccepted(string key)
    {
        ObjectKey.Validate(key).ShouldBe(key);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "'..'")]
    [InlineData("a/../b", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData("/abs", "absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a\u0000b", "control character U+0000")]
    [InlineData("a\u007Fb", "control character U+007F")]
    [InlineData("folder/", "ends with '/'")]
    [InlineData("C:/x", "drive letter")]
    public void ABadKeyIsRefusedWithItsReason(string key, string reason)
    {
        var error = Should.Throw<InvalidObjectKeyException>(() => ObjectKey.Validate(key));

        error.Reason.ShouldContain(reason);
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void AnUnpairedSurrogateIsRefused()
    {
        // Built here: xunit would replace a lone surrogate in attribute data before the test saw it.
        var key = "a" + (char)0xD800 + "b";

        Should.Throw<InvalidObjectKeyException>(() => ObjectKey.Validate(key)).Reason.ShouldContain("unpaired surrogate");
    }

    [Fact]
    public void TheLengthLimitCountsUtf8Bytes()
    {
        ObjectKey.Validate(new string('a', 1024));
        Should.Throw<InvalidObjectKeyException>(() => ObjectKey.Validate(new string('a', 1025))).Reason.ShouldContain("1025 bytes");
        Should.Throw<InvalidObjectKeyException>(() => ObjectKey.Validate(new string('é', 513))).Reason.ShouldContain("1026 bytes");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/")]
    [InlineData("a/b/c")]
    public void APrefixMayBeEmptyOrEndWithASlash(string prefix)
    {
        ObjectKey.ValidatePrefix(prefix).ShouldBe(prefix);
    }
}
