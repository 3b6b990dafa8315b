using Platform.Web.Pages.Datasets;

namespace Platform.Web.Tests;

public class FileNameTextTests : BunitContext
{
    [Fact]
    public void ALongNameKeepsItsEndAndExtensionOutsideThePartThatIsCut()
    {
        var name = Render<FileNameText>(p => p.Add(c => c.Path, "train/cats/a_very_long_file_name_from_a_camera_00123.jpeg"));
        name.Find(".file-name").GetAttribute("title").ShouldBe("train/cats/a_very_long_file_name_from_a_camera_00123.jpeg");
        name.Find(".file-name-head").TextContent.ShouldBe("a_very_long_file_name_from_a_camera_0");
        name.Find(".file-name-tail").TextContent.ShouldBe("0123.jpeg");
    }

    [Theory]
    [InlineData("cats/a.png", "a.png", "")]
    [InlineData("shapes\\circle_017.png", "circle", "_017.png")]
    [InlineData("README", "README", "")]
    [InlineData("archive/some_long_name_without_extension", "some_long_name_without_exten", "sion")]
    public void TheNameIsSplitAfterItsFolders(string path, string head, string tail)
    {
        var name = Render<FileNameText>(p => p.Add(c => c.Path, path));
        name.Find(".file-name-head").TextContent.ShouldBe(head);
        name.Find(".file-name-tail").TextContent.ShouldBe(tail);
    }
}
