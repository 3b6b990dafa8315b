using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>Uploads that used to lose items, labels or splits while reporting success: each now imports all or says what it left out.</summary>
public sealed class SilentLossTests
{
    private static string Coco(string images, string annotations, string categories = """[{"id": 1, "name": "cat"}]""") =>
        $$"""{"images": [{{images}}], "annotations": [{{annotations}}], "categories": {{categories}}}""";

    private static string Image(int id, string file) => $$"""{"id": {{id}}, "file_name": "{{file}}", "width": 64, "height": 64}""";

    private static string Box(int image, int category, string extra = "") =>
        $$"""{"id": {{image}}, "image_id": {{image}}, "category_id": {{category}}, "bbox": [1, 1, 10, 10]{{extra}}}""";

    [Fact]
    public async Task RoboflowSplitFoldersKeepTheirSplitAndTheSameFileNameInTwoSplitsIsTwoItems()
    {
        var dataset = await new FakeUpload()
            .Text("train/_annotations.coco.json", Coco(Image(1, "1.jpg"), Box(1, 1)))
            .Text("valid/_annotations.coco.json", Coco(Image(1, "1.jpg"), Box(1, 1)))
            .Images("train/1.jpg", "valid/1.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBeEmpty();
        dataset.Items.Select(i => (i.Path, i.Split)).ShouldBe([("train/1.jpg", DatasetSplit.Train), ("valid/1.jpg", DatasetSplit.Validation)]);
    }

    [Fact]
    public async Task CategoryIdsNamedDifferentlyInTwoFilesKeepEveryName()
    {
        var dataset = await new FakeUpload()
            .Text("annotations/instances_train.json", Coco(Image(1, "a.jpg"), Box(1, 1), """[{"id": 1, "name": "cat"}]"""))
            .Text("annotations/instances_val.json", Coco(Image(1, "b.jpg"), Box(1, 1), """[{"id": 1, "name": "dog"}]"""))
            .Images("images/train/a.jpg", "images/val/b.jpg")
            .ReadAsync();

        dataset.Classes.ShouldBe(["cat", "dog"]);
        dataset.Items.Select(i => i.Boxes.Single().Label).ShouldBe(["cat", "dog"]);
    }

    [Fact]
    public async Task MasksAndPolygonsAreCountedInTheReport()
    {
        var dataset = await new FakeUpload()
            .Text("instances.json", Coco(Image(1, "a.jpg") + "," + Image(2, "b.jpg"),
                Box(1, 1, """, "segmentation": [[1, 1, 5, 1, 5, 5]]""") + "," + Box(2, 1, """, "segmentation": {"counts": "abc", "size": [64, 64]}""")))
            .Images("a.jpg", "b.jpg")
            .ReadAsync();

        dataset.Items.Count.ShouldBe(2);
        dataset.Items.ShouldAllBe(i => i.Boxes.Count == 1);
        dataset.Problems.ShouldBe([new ImportProblem("instances.json", "2 annotations have segmentation masks or polygons: only their boxes were imported")]);
    }

    [Fact]
    public async Task ACocoFileWithoutCategoriesAndTheImagesNoFileListsAreReported()
    {
        var dataset = await new FakeUpload()
            .Text("annotations/instances_train.json", Coco(Image(1, "a.jpg"), Box(1, 1)))
            .Text("annotations/instances_val.json", """{"images": [{"id": 1, "file_name": "b.jpg"}], "annotations": []}""")
            .Images("images/train/a.jpg", "images/train/stray.jpg", "images/val/b.jpg")
            .ReadAsync();

        dataset.Items.ShouldHaveSingleItem().Path.ShouldBe("images/train/a.jpg");
        dataset.Problems.ShouldBe([
            new ImportProblem("annotations/instances_val.json", "not a valid COCO file: it has no \"categories\" list"),
            new ImportProblem("images/train/stray.jpg", "not imported: no COCO annotation refers to this image"),
            new ImportProblem("images/val/b.jpg", "not imported: no COCO annotation refers to this image"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task ASecondDatasetInAnotherFormatIsNotDroppedWithoutAWord()
    {
        var voc = """<annotation><filename>v.jpg</filename><size><width>64</width><height>64</height></size>"""
            + """<object><name>dog</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>""";
        var dataset = await new FakeUpload()
            .Text("coco/instances.json", Coco(Image(1, "c.jpg"), Box(1, 1)))
            .Images("coco/c.jpg")
            .Text("voc/Annotations/v.xml", voc)
            .Images("voc/JPEGImages/v.jpg")
            .ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.Coco);
        dataset.Problems.ShouldContain(new ImportProblem("voc/JPEGImages/v.jpg", "not imported: no COCO annotation refers to this image"));
    }

    [Fact]
    public async Task AVocLabelTheLabelMapNeverDeclaredIsNamedAndADeclaredLabelWithoutBoxesIsStillAClass()
    {
        var xml = """<annotation><filename>a.jpg</filename><size><width>64</width><height>64</height></size>"""
            + """<object><name>zebra</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>""";
        var dataset = await new FakeUpload()
            .Text("labelmap.txt", "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncat:128,0,0::\ndog:0,128,0::\n")
            .Text("Annotations/a.xml", xml)
            .Images("JPEGImages/a.jpg")
            .ReadAsync();

        dataset.Classes.ShouldBe(["cat", "dog", "zebra"]);
        dataset.Problems.ShouldBe([new ImportProblem("labelmap.txt", "the label 'zebra' is used by boxes but not declared; it was imported as a class of its own")]);
    }

    [Fact]
    public async Task ImagesBesideATextFileAreReportedAsNotImported()
    {
        var dataset = await new FakeUpload()
            .Text("texts.jsonl", "{\"text\": \"good\", \"label\": \"pos\"}\n{\"text\": \"bad\", \"label\": \"neg\"}\n")
            .Images("cover.png")
            .ReadAsync();

        dataset.Items.Count.ShouldBe(2);
        dataset.Problems.ShouldBe([new ImportProblem("cover.png", "not imported: a JSONL text import takes no images")]);
    }

    [Fact]
    public async Task DarknetSubsetListsGiveTheSplit()
    {
        var dataset = await new FakeUpload()
            .Text("obj.names", "cat\ndog\n")
            .Text("train.txt", "data/obj_train_data/1.jpg\ndata/obj_train_data/2.jpg\n")
            .Text("valid.txt", "data/obj_train_data/3.jpg\ndata/obj_train_data/gone.jpg\n")
            .Text("obj_train_data/1.txt", "0 0.5 0.5 0.2 0.2").Text("obj_train_data/2.txt", "1 0.5 0.5 0.2 0.2")
            .Text("obj_train_data/3.txt", "1 0.5 0.5 0.2 0.2")
            .Images("obj_train_data/1.jpg", "obj_train_data/2.jpg", "obj_train_data/3.jpg")
            .ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.Yolo);
        dataset.Items.Select(i => (i.Path, i.Split)).ShouldBe([
            ("obj_train_data/1.jpg", DatasetSplit.Train), ("obj_train_data/2.jpg", DatasetSplit.Train), ("obj_train_data/3.jpg", DatasetSplit.Validation)]);
        dataset.Problems.ShouldBe([new ImportProblem("valid.txt", "1 of its 2 images are not in the upload")]);
    }

    [Fact]
    public async Task AYoloDatasetWithOneLabelFileMissingIsStillYolo()
    {
        var dataset = await new FakeUpload()
            .Text("obj.names", "cat\ndog\n")
            .Text("obj_train_data/1.txt", "0 0.5 0.5 0.2 0.2")
            .Images("obj_train_data/1.jpg", "obj_train_data/2.jpg")
            .ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.Yolo);
        dataset.Items.Count.ShouldBe(2); // an image without a label file is a background image, as in YOLO
    }

    [Fact]
    public async Task CocoLabelsWithoutBoxesAreAClassificationDataset()
    {
        var dataset = await new FakeUpload()
            .Text("annotations/labels_train.json", Coco(Image(1, "a.jpg") + "," + Image(2, "b.jpg") + "," + Image(3, "c.jpg"),
                """{"id": 1, "image_id": 1, "category_id": 1}, {"id": 2, "image_id": 2, "category_id": 2, "bbox": []},"""
                + """{"id": 3, "image_id": 3, "category_id": 1}, {"id": 4, "image_id": 3, "category_id": 2}""",
                """[{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}]"""))
            .Images("images/train/a.jpg", "images/train/b.jpg", "images/train/c.jpg")
            .ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ImageClassification);
        dataset.Items.Select(i => (i.Path, i.Label, i.Split)).ShouldBe([
            ("images/train/a.jpg", "cat", DatasetSplit.Train), ("images/train/b.jpg", "dog", DatasetSplit.Train), ("images/train/c.jpg", "cat", DatasetSplit.Train)]);
        dataset.Problems.ShouldBe([new ImportProblem("images/train/c.jpg", "2 labels (cat, dog); an image has one class here, the first was kept")]);
    }

    [Fact]
    public async Task ImageLevelLabelsInADetectionFileAreCounted()
    {
        var dataset = await new FakeUpload()
            .Text("instances.json", Coco(Image(1, "a.jpg"), Box(1, 1) + """, {"id": 7, "image_id": 1, "category_id": 1}"""))
            .Images("a.jpg")
            .ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ObjectDetection);
        dataset.Items.ShouldHaveSingleItem().Label.ShouldBeNull();
        dataset.Problems.ShouldBe([new ImportProblem("instances.json", "1 image-level label was not imported: a detection dataset keeps boxes")]);
    }
}
