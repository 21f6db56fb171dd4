// gazette search: answers queries from window.gazetteSearchIndex (search-index.js).
// Vanilla JavaScript, no network: works over HTTP and from file://. Without JavaScript
// the search page lists every story instead.
(function () {
  'use strict';
  var data = window.gazetteSearchIndex;
  var form = document.getElementById('search-form');
  if (!data || !form) return;

  // Field weights: headline and topic matches rank first.
  var HEADLINE = 16, TOPIC = 8, SPEAKER = 4, DEK = 2, BODY = 1;
  var MAX_RESULTS = 20, SNIPPET = 90;
  var stories = data.stories;

  function tokens(text) {
    return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean);
  }

  // token -> flat array [story, weight, story, weight, ...], each story once per token.
  var postings = new Map();
  function add(best, text, weight) {
    var list = tokens(text);
    for (var i = 0; i < list.length; i++) {
      var t = list[i];
      if ((best.get(t) || 0) < weight) best.set(t, weight);
    }
  }
  for (var id = 0; id < stories.length; id++) {
    var s = stories[id], best = new Map();
    add(best, s[7], BODY);
    add(best, s[2], DEK);
    add(best, s[6].join(' '), SPEAKER);
    add(best, s[5].join(' '), TOPIC);
    add(best, s[1], HEADLINE);
    best.forEach(function (weight, token) {
      var list = postings.get(token);
      if (!list) postings.set(token, list = []);
      list.push(id, weight);
    });
  }
  var vocabulary = Array.from(postings.keys());

  // Every query word must match the start of some word of the story (prefix search);
  // a story's score is the sum over query words of its best field weight.
  function query(text) {
    var terms = Array.from(new Set(tokens(text)));
    if (!terms.length) return { terms: terms, ids: [] };
    var score = new Float64Array(stories.length);
    var matched = new Uint16Array(stories.length);
    var termBest = new Float64Array(stories.length);
    for (var k = 0; k < terms.length; k++) {
      var term = terms[k];
      termBest.fill(0);
      var touched = [];
      for (var v = 0; v < vocabulary.length; v++) {
        var word = vocabulary[v];
        if (word.charCodeAt(0) !== term.charCodeAt(0) || !word.startsWith(term)) continue;
        // An exact word outranks a word that merely starts with the term.
        var factor = word.length === term.length ? 1 : 0.5;
        var list = postings.get(word);
        for (var p = 0; p < list.length; p += 2) {
          var sid = list[p], w = list[p + 1] * factor;
          if (termBest[sid] === 0) touched.push(sid);
          if (termBest[sid] < w) termBest[sid] = w;
        }
      }
      for (var q = 0; q < touched.length; q++) {
        var hit = touched[q];
        if (matched[hit] === k) { matched[hit] = k + 1; score[hit] += termBest[hit]; }
      }
    }
    var ids = [];
    for (var i = 0; i < stories.length; i++) if (matched[i] === terms.length) ids.push(i);
    // Best score first; equal scores keep front-page order (newest first).
    ids.sort(function (a, b) { return score[b] - score[a] || a - b; });
    return { terms: terms, ids: ids };
  }

  function folded(text) {
    return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  }

  // Appends `text` to `parent` with each query word's matches wrapped in <mark>.
  function marked(parent, text, terms) {
    var lower = folded(text);
    // Folding can change the length (ligatures); then mark nothing rather than misplace.
    if (lower.length !== text.length) { parent.appendChild(document.createTextNode(text)); return; }
    var at = 0;
    while (at < text.length) {
      var next = -1, len = 0;
      for (var k = 0; k < terms.length; k++) {
        var found = lower.indexOf(terms[k], at);
        if (found !== -1 && (next === -1 || found < next)) { next = found; len = terms[k].length; }
      }
      if (next === -1) break;
      parent.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(next, next + len);
      parent.appendChild(mark);
      at = next + len;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function snippet(body, terms) {
    var lower = folded(body), first = -1;
    for (var k = 0; k < terms.length; k++) {
      var found = lower.indexOf(terms[k]);
      if (found !== -1 && (first === -1 || found < first)) first = found;
    }
    if (first === -1) first = 0;
    var start = Math.max(0, body.lastIndexOf(' ', Math.max(0, first - SNIPPET / 2)) + 1);
    if (first < SNIPPET / 2) start = 0;
    var end = body.indexOf(' ', Math.min(body.length, start + 2 * SNIPPET));
    if (end === -1) end = body.length;
    return (start > 0 ? '… ' : '') + body.slice(start, end) + (end < body.length ? ' …' : '');
  }

  var root = form.getAttribute('data-root') || '';
  var input = document.getElementById('search-query');
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var everything = document.getElementById('search-all');

  function show(text) {
    var found = query(text);
    results.textContent = '';
    var searching = found.terms.length > 0;
    if (everything) everything.hidden = searching;
    results.hidden = !searching;
    if (!searching) { status.textContent = ''; return found; }
    var shown = found.ids.slice(0, MAX_RESULTS);
    status.textContent = found.ids.length === 0 ? 'No stories match.'
      : found.ids.length + (found.ids.length === 1 ? ' story matches' : ' stories match')
        + (found.ids.length > shown.length ? '; the first ' + shown.length + ' are shown.' : '.');
    for (var r = 0; r < shown.length; r++) {
      var s = stories[shown[r]];
      var item = document.createElement('li');
      item.className = 'search-result';
      var heading = document.createElement('h2');
      var link = document.createElement('a');
      link.href = root + s[0];
      marked(link, s[1], found.terms);
      heading.appendChild(link);
      item.appendChild(heading);
      if (s[2]) {
        var dek = document.createElement('p');
        dek.className = 'search-dek';
        marked(dek, s[2], found.terms);
        item.appendChild(dek);
      }
      if (s[3]) {
        var time = document.createElement('time');
        time.dateTime = s[3];
        time.textContent = s[4];
        item.appendChild(time);
      }
      var excerpt = document.createElement('p');
      excerpt.className = 'search-snippet';
      marked(excerpt, snippet(s[7], found.terms), found.terms);
      item.appendChild(excerpt);
      results.appendChild(item);
    }
    return found;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.addEventListener('input', function () { show(input.value); });
  var asked = new URLSearchParams(window.location.search).get('q');
  if (asked) { input.value = asked; show(asked); }

  // For tests and benchmarks: the ranking alone, and a query shown on the page.
  window.gazetteSearch = { query: query, show: show };
})();
