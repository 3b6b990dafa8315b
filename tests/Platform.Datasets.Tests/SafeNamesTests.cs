using Platform.Datasets.Archives;

namespace Platform.Datasets.Tests;

public sealed class SafeNamesTests
{
    [Theory]
    [InlineData("a.txt")]
    [InlineData("dir/sub/a.txt")]
    [InlineData("./a.txt")]
    [InlineData("dir\\a.txt")]
    [InlineData("a..b.txt")]
    [InlineData("..hidden")]
    [InlineData("café/naïve.jpg")]
    public void OrdinaryRelativeNamesAreFine(string name) => SafeNames.Problem(name).ShouldBeNull();

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "empty")]
    [InlineData("./", "empty")]
    [InlineData("a\u0001b", "control characters")]
    [InlineData("a\nb", "control characters")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:\\x", "absolute")]
    [InlineData("c:x", "absolute")]
    [InlineData("\\\\server\\share", "absolute")]
    [InlineData("../x", "..")]
    [InlineData("a/../../x", "..")]
    [InlineData("a\\..\\x", "..")]
    [InlineData("..", "..")]
    public void UnsafeNamesSayWhy(string name, string reason) => SafeNames.Problem(name).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void NormalizingUsesSlashesAndDropsDotSegments() =>
        SafeNames.Normalize(".\\a//b/./c.txt").ShouldBe("a/b/c.txt");
}
