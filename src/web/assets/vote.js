// Upvoting without a page reload: progressive enhancement of the vote forms (vote-button.tsx).
// Without this script, or when anything goes wrong here, the form posts as usual and the server
// redirects back (or shows the page that explains the error: log in, confirm email, slow down).
(() => {
  const number = new Intl.NumberFormat('en-US');

  function show(form, upvotes, hasVoted) {
    const button = form.querySelector('button');
    form.querySelector('.vote-count').textContent = number.format(upvotes);
    form.querySelector('.vote-noun').textContent = upvotes === 1 ? 'vote' : 'votes';
    form.querySelector('input[name="direction"]').value = hasVoted ? 'none' : 'up';
    button.setAttribute('aria-pressed', String(hasVoted));
    button.title = hasVoted ? 'Remove your upvote' : 'Upvote';
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('vote-form')) return;
    event.preventDefault();
    const button = form.querySelector('button');
    if (button.disabled) return;
    const body = new FormData(form);
    button.disabled = true;
    try {
      const res = await fetch(form.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`vote: HTTP ${res.status}`);
      const { upvotes, hasVoted } = await res.json();
      // The same paper may be on the page twice; keep every copy in step.
      for (const other of document.querySelectorAll('form.vote-form')) {
        if (other.action === form.action) show(other, upvotes, hasVoted);
      }
      button.disabled = false;
    } catch {
      button.disabled = false;
      form.submit();
    }
  });
})();
