using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnnotationSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SuggestedLabelId",
                table: "AnnotationTasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SuggestionConfidence",
                table: "AnnotationTasks",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SuggestionTaken",
                table: "AnnotationTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "QueueOrder",
                table: "AnnotationProjects",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SuggestionSource",
                table: "AnnotationProjects",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SuggestedLabelId",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "SuggestionConfidence",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "SuggestionTaken",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "QueueOrder",
                table: "AnnotationProjects");

            migrationBuilder.DropColumn(
                name: "SuggestionSource",
                table: "AnnotationProjects");
        }
    }
}
