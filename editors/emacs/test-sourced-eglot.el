;;; test-sourced-eglot.el --- Batch test of sourced-eglot.el against `sourced lsp'  -*- lexical-binding: t; -*-

;; emacs --batch -L editors/emacs -l editors/emacs/test-sourced-eglot.el SOURCED STORY-DIR [ARCHIVE-STORY]
;;
;; Opens STORY-DIR/draft.md, starts Eglot with the Sourced server, waits for the Flymake
;; diagnostics of expected.md (lines 7, 9, 11, 15 and 17, each exactly once), hovers on a
;; quote, jumps to a quote's source with M-., applies a quick fix (the buffer is not
;; saved), lists the sources of the Mattis quote (line 13) with `sourced-sources', asks
;; for an archived source the server cannot show, and re-indexes with `sourced-reindex'.
;; Given ARCHIVE-STORY (the bundled draft with a sourced.toml naming an archive that holds
;; its sources, their files gone), M-. on a quote there opens the read-only archived text.  Prints
;; PASS/FAIL lines and `emacs: N passed, M failed'; exits 1 when a check failed.

;;; Code:

(require 'sourced-eglot)
(require 'flymake)

(defvar sourced-test--passed 0)
(defvar sourced-test--failed 0)

(defun sourced-test--say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun sourced-test--check (name ok &optional detail)
  (if ok
      (progn (setq sourced-test--passed (1+ sourced-test--passed))
             (sourced-test--say "PASS %s" name))
    (setq sourced-test--failed (1+ sourced-test--failed))
    (sourced-test--say "FAIL %s%s" name (if detail (concat ": " detail) ""))))

(defun sourced-test--wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.1))
    (funcall pred)))

(defun sourced-test--finish ()
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (sourced-test--say "emacs: %d passed, %d failed" sourced-test--passed sourced-test--failed)
  (kill-emacs (if (= sourced-test--failed 0) 0 1)))

(defun sourced-test--jump-from-line-9 ()
  "M-. on the altered quote of line 9 (\"voluntary process\"): nil, or why it failed."
  (goto-char (point-min))
  (forward-line 8)
  (search-forward "voluntary process")
  (condition-case err
      (progn (call-interactively #'xref-find-definitions) nil)
    (error (error-message-string err))))

(defun sourced-test--archived-evidence (story first-draft)
  "M-. on the quote of line 9 of STORY's draft, whose sources are only in the archive.
FIRST-DRAFT is the buffer of the other story, whose server has no archive."
  (find-file (expand-file-name "draft.md" story))
  (text-mode)
  (eglot-ensure)
  (run-hooks 'post-command-hook)
  (sourced-test--check "Eglot starts `sourced lsp' for the draft of the archive's story"
                       (sourced-test--wait #'eglot-current-server 30))
  (let ((draft (current-buffer)))
    ;; The archive's answers arrive after the first check: wait for the altered quote.
    (sourced-test--wait (lambda ()
                          (seq-some (lambda (d) (string-match-p "altered-quote" (flymake-diagnostic-text d)))
                                    (flymake-diagnostics)))
                        60)
    (let* ((failed (sourced-test--jump-from-line-9))
           (name (or buffer-file-name "")))
      (if failed
          (sourced-test--check "M-. on an archived quote opens the read-only archived source at its line"
                               nil failed)
        (sourced-test--check "M-. on an archived quote opens the read-only archived source at its line"
                             (and (string-match-p "\\`sourced://archive/[0-9]+/afp-wire-rewrite\\.txt\\'" name)
                                  (= (line-number-at-pos) 9)
                                  buffer-read-only
                                  (eq major-mode 'sourced-archived-mode)
                                  (string-match-p "through a voluntary mechanism"
                                                  (buffer-substring (line-beginning-position)
                                                                    (line-end-position))))
                             (format "%s:%d %S %S" name (line-number-at-pos) buffer-read-only major-mode))
        (sourced-test--check "no language server checks the archived source as a draft"
                             (not (eglot-current-server)))
        ;; Asked from the other story, whose server has no archive and so is asked
        ;; first: the server that has the archive answers.
        (let ((text (with-current-buffer first-draft
                      (condition-case err (sourced--archived-text name)
                        (error (error-message-string err))))))
          (sourced-test--check "the archived text comes from the server that has the archive, whichever is asked first"
                               (string-match-p "through a voluntary mechanism" text)
                               text))))
    (switch-to-buffer draft)))

(let* ((server (expand-file-name (nth 0 command-line-args-left)))
       (story (expand-file-name (nth 1 command-line-args-left)))
       (archive-story (and (nth 2 command-line-args-left)
                           (expand-file-name (nth 2 command-line-args-left))))
       (expected '((7 . "misattributed-quote") (9 . "altered-quote") (11 . "unsourced-quote")
                   (15 . "misspelled-name") (17 . "title-mismatch"))))
  (setq command-line-args-left nil)
  (setq sourced-server-program server)
  (find-file (expand-file-name "draft.md" story))
  (text-mode)                            ; markdown-mode may not be installed
  (eglot-ensure)
  (run-hooks 'post-command-hook)         ; eglot-ensure starts on the next command
  (sourced-test--check "Eglot starts `sourced lsp' for draft.md"
                       (sourced-test--wait #'eglot-current-server 30))
  (unless (eglot-current-server) (sourced-test--finish))
  (let* ((codes "\\(misattributed-quote\\|altered-quote\\|unsourced-quote\\|misspelled-name\\|title-mismatch\\|unattributed-quote\\)")
         ;; What the reporter sees: (LINE . CODE) of each error and warning, in order.
         (seen (lambda ()
                 (sort (delq nil
                             (mapcar (lambda (d)
                                       (when (and (memq (flymake-diagnostic-type d) '(eglot-error eglot-warning :error :warning))
                                                  (string-match codes (flymake-diagnostic-text d)))
                                         (cons (line-number-at-pos (flymake-diagnostic-beg d))
                                               (match-string 1 (flymake-diagnostic-text d)))))
                                     (flymake-diagnostics)))
                       (lambda (a b) (< (car a) (car b)))))))
    (sourced-test--wait (lambda () (equal (funcall seen) expected)) 30)
    (sourced-test--check "Flymake shows each of the five findings exactly once, and no other error or warning"
                         (equal (funcall seen) expected)
                         (format "got %S" (funcall seen)))
    ;; Hover on the quote of line 7: the sources that have it.
    (goto-char (point-min))
    (forward-line 6)
    (search-forward "Russian proposals")
    (let* ((hover (ignore-errors
                    (eglot--request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams))))
           (text (format "%S" (plist-get hover :contents))))
      (sourced-test--check "the hover on the quote of line 7 names afp-wire-rewrite.txt and arab-news.txt"
                           (and (string-match-p "afp-wire-rewrite\\.txt" text)
                                (string-match-p "arab-news\\.txt" text))
                           text))
    ;; M-. on the quote of line 9: its source, at the quote's line.
    (let ((draft (current-buffer)))
      (let ((failed (sourced-test--jump-from-line-9)))
        (sourced-test--check "M-. on the quote of line 9 opens afp-wire-rewrite.txt at line 9"
                             (and (not failed)
                                  (string-suffix-p "sources/afp-wire-rewrite.txt" (or buffer-file-name ""))
                                  (= (line-number-at-pos) 9))
                             (or failed (format "%s:%d" buffer-file-name (line-number-at-pos)))))
      (switch-to-buffer draft))
    ;; The quick fix of the title on line 17, applied: that finding goes, the others stay.
    (goto-char (point-min))
    (forward-line 16)
    (forward-char 2)
    (let* ((server (eglot-current-server))
           (actions (ignore-errors
                      (eglot--request server :textDocument/codeAction
                                      (list :textDocument (eglot--TextDocumentIdentifier)
                                            :range (list :start (eglot--pos-to-lsp-position)
                                                         :end (eglot--pos-to-lsp-position))
                                            :context (list :diagnostics [])))))
           (fix (seq-find (lambda (a) (string-match-p "Russian Defense Minister" (plist-get a :title)))
                          actions)))
      (if (not fix)
          (sourced-test--check "the quick fix for the title on line 17 is offered" nil (format "%S" actions))
        (eglot-execute server fix)
        ;; In batch there is no idle time: send the change now, as Eglot's idle timer would.
        (eglot--signal-textDocument/didChange)
        (let ((rest (seq-remove (lambda (e) (equal (cdr e) "title-mismatch")) expected)))
          (sourced-test--wait (lambda () (equal (funcall seen) rest)) 30)
          (sourced-test--check "the applied quick fix corrects the title and removes only its finding"
                               (and (save-excursion
                                      (goto-char (point-min))
                                      (forward-line 16)
                                      (looking-at "Russian Defense Minister Sergei Shoigu"))
                                    (equal (funcall seen) rest))
                               (format "line 17: %S; findings %S"
                                       (save-excursion (goto-char (point-min)) (forward-line 16)
                                                       (buffer-substring (point) (line-end-position)))
                                       (funcall seen)))))))
  (goto-char (point-min))
  (forward-line 12)
  (search-forward "all for re-opening")
  (condition-case err
      (progn
        (sourced-sources)
        (let ((listing (if (get-buffer "*sourced-sources*")
                           (with-current-buffer "*sourced-sources*" (buffer-string))
                         "")))
          (sourced-test--check "M-x sourced-sources on the Mattis quote (line 13) lists breitbart.txt"
                               (string-match-p "sources/breitbart\\.txt:[0-9]+:" listing)
                               listing)))
    (error (sourced-test--check "M-x sourced-sources on the Mattis quote (line 13) lists breitbart.txt"
                                nil (error-message-string err))))
  ;; An archived source: the server has no archive here, and its refusal reaches the reporter.
  (let ((uri "sourced://archive/1/afp-0720.txt"))
    (condition-case err
        (progn (find-file-noselect uri)
               (sourced-test--check "opening an archived source without an archive says why it cannot" nil
                                    "the buffer opened"))
      (error (sourced-test--check "opening an archived source without an archive says why it cannot"
                                  (equal (error-message-string err)
                                         (concat "Sourced: cannot show the archived source " uri
                                                 ": no archive is configured"))
                                  (error-message-string err))))
    (sourced-test--check "no buffer is left for the archived source that could not be shown"
                         (null (get-file-buffer uri))
                         (format "%S" (get-file-buffer uri))))
  (when archive-story
    (sourced-test--archived-evidence archive-story (get-file-buffer (expand-file-name "draft.md" story))))
  (condition-case err
      (progn (sourced-reindex)
             (sourced-test--check "M-x sourced-reindex is accepted by the server" t))
    (error (sourced-test--check "M-x sourced-reindex is accepted by the server" nil (error-message-string err))))
  (sourced-test--finish))

;;; test-sourced-eglot.el ends here
