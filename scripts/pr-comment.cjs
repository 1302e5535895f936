/**
 * Posts a report as a pull-request comment, or updates the one an earlier run posted: the marker on its first
 * line identifies it. Called from actions/github-script steps in .github/workflows/pr.yml.
 */
const { readFileSync } = require('node:fs');

module.exports = async function postComment({ github, context }, marker, file) {
  const text = readFileSync(file, 'utf8');
  const body = text.startsWith(marker) ? text : `${marker}\n${text}`;
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const previous = comments.find((c) => c.user.type === 'Bot' && c.body.startsWith(marker));
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number, body });
  }
};
